"""adjuster.case/1: export → import round-trips exactly; bad files are rejected whole, naming the field."""

from __future__ import annotations

import json

import pytest

from adjuster import casefile
from adjuster.domain import Case, LossItem, Photo, ValidationError
from adjuster.store import Store


def _sample(store):
    case = store.cases.create(Case(
        claim_no="PA2026-0001", insured_name="宁波海联进出口有限公司", sum_insured="3000000.00",
        insured_value="4000000.00", deductible={"type": "percent_min", "rate": "0.10", "minimum": "5000.00"},
        loss_date="2026-03-15", narrative_cause="暴雨", lat=29.9, lon=121.8,
    ))
    item = store.items.create(LossItem(case_id=case.id, description="服装", qty="1200", unit="箱", unit_price="380.00"))
    store.items.create(LossItem(case_id=case.id, position=1, description="叉车", qty="2", unit_price="68000.00",
                                age_years="3", useful_life_years="10", excluded=True, exclusion_reason="除外"))
    store.photos.create(Photo(sha256="a" * 64, owner_type="case", owner_id=case.id, item_id=item.id,
                              caption="仓库", gps_lat=29.901234, gps_lon=121.843712, taken_at="2026-03-15T09:00:00"))
    return case


def test_export_import_round_trip_is_exact(tmp_path):
    a = Store.open(tmp_path / "a.db")
    case = _sample(a)
    text = casefile.dumps(casefile.case_document(a, case.id))
    b = Store.open(tmp_path / "b.db")
    casefile.import_case(b, casefile.parse_json(text))
    assert casefile.dumps(casefile.case_document(b, case.id)) == text
    doc = json.loads(text)
    assert doc["format"] == "adjuster.case/1" and doc["case"]["sum_insured"] == "3000000.00"
    assert doc["items"][0]["unit_price"] == "380.00"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(format="adjuster.case/9"), "format"),
        (lambda d: d["case"].pop("claim_no"), "case.claim_no"),
        (lambda d: d["case"].update(sum_insured="12,3.4.5"), "case.sum_insured"),
        (lambda d: d["case"].update(colour="red"), "case.colour"),
        (lambda d: d["items"][1].update(unit_price="-1"), "items[1].unit_price"),
        (lambda d: d["items"][1].update(section="attic"), "items[1].section"),
        (lambda d: d["items"][0].update(salvage="999999999"), "items[0].salvage"),
        (lambda d: d["photos"][0].update(sha256="zz"), "photos[0].sha256"),
        (lambda d: d["photos"][0].update(item_id="nope"), "photos[0].item_id"),
    ],
)
def test_bad_field_rejects_whole_file(tmp_path, mutate, field):
    a = Store.open(tmp_path / "a.db")
    doc = casefile.case_document(a, _sample(a).id)
    doc = casefile.parse_json(casefile.dumps(doc))
    mutate(doc)
    b = Store.open(tmp_path / "b.db")
    with pytest.raises(ValidationError) as err:
        casefile.import_case(b, doc)
    assert err.value.field == field, str(err.value)
    assert b.cases.count() == 0 and b.items.count() == 0 and b.outbox() == []


def test_json_numbers_are_read_as_exact_decimals(store):
    doc = casefile.parse_json('{"format": "adjuster.case/1", "case": {"claim_no": "PA-9", "sum_insured": 0.1},'
                              ' "items": [{"description": "x", "unit_price": 1234.5}]}')
    case = casefile.import_case(store, doc)
    assert str(store.cases.get(case.id).sum_insured) == "0.1"
    assert str(store.items.for_case(case.id)[0].unit_price) == "1234.5"


def test_duplicate_claim_is_refused(store):
    doc = casefile.case_document(store, _sample(store).id)
    with pytest.raises(ValidationError, match="already exists"):
        casefile.import_case(store, casefile.parse_json(casefile.dumps(doc)))


def test_not_json_names_the_file():
    with pytest.raises(ValidationError, match="not valid JSON"):
        casefile.parse_json("{oops", "case.json")
