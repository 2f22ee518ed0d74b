"""Template schema validation: the shipped checklists are valid, and each kind of bad input is refused
with the JSON path of the wrong field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from inspect_helpers import tiny_doc

from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.inspect.templates import (
    RESOURCES,
    check_template,
    find_template,
    list_templates,
    load_template,
    parse_template,
    template_from_snapshot,
    validate_template,
)


def test_tiny_template_is_valid() -> None:
    assert check_template(tiny_doc()) == []
    tpl = parse_template(tiny_doc())
    assert tpl.ref == "tiny@1"
    assert [c.key for c in tpl.categories] == ["a", "b", "c"]
    assert tpl.item("a3").unit == "m"
    assert str(tpl.item("a3").ok_min) == "1.0"
    assert tpl.category_of("b2").key == "b"


SHIPPED = sorted(p for p in RESOURCES.glob("*.json"))


def test_at_least_three_templates_ship() -> None:
    assert {p.stem for p in SHIPPED} >= {"fire_safety", "flood_typhoon", "warehouse"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_is_valid_bilingual_and_large(path: Path) -> None:
    tpl = load_template(path)
    assert len(tpl.items) >= 25
    assert tpl.id == path.stem
    for item in tpl.items:
        assert item.question.get("zh") and item.question.get("en"), item.key
        for choice in item.choices:
            assert choice.label.get("zh") and choice.label.get("en"), item.key
    for cat in tpl.categories:
        assert cat.title.get("zh") and cat.title.get("en"), cat.key
    # every deficiency serious enough to force a recommendation comes with a suggested text
    for item in tpl.items:
        severities = {item.severity, *(c.severity for c in item.choices), *(r.severity for r in item.severity_rules)}
        if any(s is not None and s >= 3 for s in severities):
            assert item.recommendation, item.key


def test_fire_template_covers_the_issue_topics() -> None:
    keys = " ".join(i.key for i in find_template("fire_safety").items)
    for topic in ("ext", "hyd", "spr", "alarm", "exit", "flam", "hot", "elec", "hk"):
        assert f".{topic}." in keys, topic


def test_flood_template_covers_the_issue_topics() -> None:
    keys = " ".join(i.key for i in find_template("flood_typhoon").items)
    for topic in ("site.elevation", "drain", "sandbags", "base.", "roof", "win.", "em.plan"):
        assert topic in keys, topic


Mutation = Callable[[dict[str, Any]], None]


def _item(doc: dict[str, Any], c: int, i: int) -> dict[str, Any]:
    return doc["categories"][c]["items"][i]


BAD: list[tuple[str, Mutation, str, str]] = [
    ("unsupported format", lambda d: d.update(format="adjuster.template/2"), "format", "unsupported"),
    ("missing format", lambda d: d.pop("format"), "format", "missing"),
    ("missing id", lambda d: d.pop("id"), "id", "is required"),
    ("version zero", lambda d: d.update(version=0), "version", "minimum"),
    ("version as text", lambda d: d.update(version="1"), "version", "expected integer"),
    ("unknown top-level field", lambda d: d.update(colour="red"), "colour", "not a known field"),
    ("no categories", lambda d: d.update(categories=[]), "categories", "should be non-empty"),
    ("category weight wrong type", lambda d: d["categories"][1].update(weight="heavy"), "categories[1].weight", "expected integer"),
    ("item weight too big", lambda d: _item(d, 0, 1).update(weight=11), "categories[0].items[1].weight", "maximum"),
    ("item missing question", lambda d: _item(d, 1, 1).pop("question"), "categories[1].items[1].question", "is required"),
    ("empty question", lambda d: _item(d, 0, 0).update(question={}), "categories[0].items[0].question", "must not be empty"),
    ("unknown answer type", lambda d: _item(d, 0, 0).update(answer="yesno"), "categories[0].items[0].answer", "is not one of"),
    ("bad key", lambda d: _item(d, 0, 0).update(key="Fire Exit"), "categories[0].items[0].key", "lower-case"),
    ("severity out of range", lambda d: _item(d, 0, 0).update(severity=5), "categories[0].items[0].severity", "maximum"),
    ("check item without severity", lambda d: _item(d, 0, 0).pop("severity"), "categories[0].items[0].severity", "is required"),
    ("unit on a check item", lambda d: _item(d, 0, 0).update(unit="m"), "categories[0].items[0].unit", "not allowed for answer type 'check'"),
    ("number without unit", lambda d: _item(d, 0, 2).pop("unit"), "categories[0].items[2].unit", "is required"),
    ("number without bounds", lambda d: _item(d, 0, 2).pop("ok_min"), "categories[0].items[2].ok_min", "ok_min or ok_max"),
    ("text item with weight", lambda d: _item(d, 0, 3).update(weight=2), "categories[0].items[3].weight", "must be 0"),
    ("choice item without choices", lambda d: _item(d, 1, 0).pop("choices"), "categories[1].items[0].choices", "is required"),
    ("choice with bad result", lambda d: _item(d, 1, 0)["choices"][1].update(result="bad"), "categories[1].items[0].choices[1].result", "is not one of"),
    ("bad photo rule", lambda d: _item(d, 0, 0).update(photo="always"), "categories[0].items[0].photo", "is not one of"),
    ("severity rule with two limits", lambda d: _item(d, 0, 2).update(severity_rules=[{"below": 1, "above": 2, "severity": 3}]),
     "categories[0].items[2].severity_rules[0]", "exactly one of"),
    ("duplicate item key", lambda d: _item(d, 1, 1).update(key="a1"), "categories[1].items[1].key", "duplicate item key"),
    ("duplicate category key", lambda d: d["categories"][2].update(key="a"), "categories[2].key", "duplicate category key"),
    ("ok range reversed", lambda d: _item(d, 0, 2).update(ok_max=0.5), "categories[0].items[2].ok_max", "below ok_min"),
    ("deficient choice without severity", lambda d: _item(d, 1, 0)["choices"][1].pop("severity"),
     "categories[1].items[0].choices[1].severity", "needs a severity"),
    ("no ok choice", lambda d: [c.update(result="deficient", severity=2) for c in _item(d, 1, 0)["choices"]],
     "categories[1].items[0].choices", "must be 'ok'"),
    ("duplicate choice value", lambda d: _item(d, 1, 0)["choices"][2].update(value="good"),
     "categories[1].items[0].choices[2].value", "duplicate choice"),
]


@pytest.mark.parametrize(("mutate", "field", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_template_is_refused_with_its_path(mutate: Mutation, field: str, words: str) -> None:
    doc = tiny_doc()
    mutate(doc)
    with pytest.raises(ValidationError) as info:
        validate_template(doc)
    assert info.value.field == field
    assert words in info.value.message


def test_all_errors_are_listed_in_document_order() -> None:
    doc = tiny_doc()
    _item(doc, 1, 1).update(weight="x")
    _item(doc, 0, 0).update(weight=0)
    _item(doc, 0, 0).pop("question")
    fields = [e.field for e in check_template(doc)]
    assert fields == ["categories[0].items[0].question", "categories[0].items[0].weight", "categories[1].items[1].weight"]


def test_not_an_object_is_refused() -> None:
    assert [e.field for e in check_template([1, 2])] == ["template"]


def test_broken_json_file_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "adjuster.template/1",\n  "id": x\n}', encoding="utf-8")
    with pytest.raises(ValidationError, match="line 3, column 9"):
        load_template(path)


def test_lookup_by_id_and_version_prefers_newest(tmp_path: Path) -> None:
    doc = json.loads((RESOURCES / "warehouse.json").read_text("utf-8"))
    doc["version"] = 2
    doc["title"]["en"] = "Warehouse risk survey (2nd edition)"
    (tmp_path / "warehouse_v2.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "junk.json").write_text("{}", encoding="utf-8")  # invalid files are skipped by list
    assert find_template("warehouse", extra_dirs=[tmp_path]).version == 2
    assert find_template("warehouse@1", extra_dirs=[tmp_path]).version == 1
    assert find_template("warehouse", 1, extra_dirs=[tmp_path]).title["en"] == "Warehouse risk survey"
    refs = [t.ref for t in list_templates([tmp_path])]
    assert "warehouse@1" in refs and "warehouse@2" in refs
    with pytest.raises(NotFoundError):
        find_template("warehouse@3", extra_dirs=[tmp_path])
    with pytest.raises(ValidationError):
        find_template("warehouse@latest")


def test_snapshot_is_independent_of_the_source_document() -> None:
    doc = tiny_doc()
    tpl = parse_template(doc)
    doc["categories"][0]["items"][0]["weight"] = 9
    assert tpl.doc["categories"][0]["items"][0]["weight"] == 4
    again = template_from_snapshot(tpl.doc)
    assert again.item("a1").weight == 4
