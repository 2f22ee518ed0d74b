"""Reports from a real profile: Report rows and versions, signed files, signatures, CLI, visits."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_pdf_helpers import image_xobjects, make_jpeg, pdftotext

from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Case, LossItem, Photo, Signature
from adjuster.reports.service import generate_inspection_report, generate_loss_report
from adjuster.util.progress import Cancelled, CancelToken


@pytest.fixture
def media(profile):
    m = profile.open_media()
    yield m
    m.close()


@pytest.fixture
def case(store, media, photo_dir: Path) -> Case:
    from adjuster.media import import_photos

    c = store.cases.create(Case(claim_no="SVC-2024-001", insured_name="杭州西湖茶业有限公司", policy_no="P-9",
                                sum_insured=Decimal("100000"), insured_value=Decimal("100000"),
                                narrative_circumstances="暴雨导致仓库进水。Rainwater entered the store."))
    item = store.items.create(LossItem(case_id=c.id, description="茶叶 tea", qty=Decimal(10), unit="箱",
                                       unit_price=Decimal("1234.50")))
    paths = [make_jpeg(photo_dir / "rot6.jpg", (1200, 900), orientation=6),
             make_jpeg(photo_dir / "plain.jpg", (1200, 900), colour="#48a")]
    import_photos(store, media, "case", c.id, paths, item_id=item.id)
    # A photo whose original never reached this device (e.g. not yet synced).
    store.photos.create(Photo(sha256="f" * 64, owner_type="case", owner_id=c.id, original_name="lost.jpg", position=9))
    return c


def test_loss_report_is_recorded_with_sha_and_snapshot(store, media, case: Case, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    outcome = generate_loss_report(store, media, case.claim_no, out, lang="both", archive_dir=tmp_path / "archive")
    data = out.read_bytes()
    rep = store.reports.latest("case", case.id)
    assert rep is not None and rep.version == 1 and rep.kind.value == "loss"
    assert rep.sha256 == hashlib.sha256(data).hexdigest() == outcome.report.sha256
    assert len(rep.snapshot_sha256) == 64 and rep.snapshot["case_file"]["case"]["claim_no"] == case.claim_no
    assert Path(rep.path) == (tmp_path / "archive" / "SVC-2024-001-loss-v1.pdf").resolve()
    assert Path(rep.path).read_bytes() == data
    # the PDF is also in the media store by hash, so the Report row syncs with its file
    assert media.has(rep.sha256) and media.original_path(rep.sha256).read_bytes() == data
    text = pdftotext(data)
    assert "SVC-2024-001" in text and "杭州西湖茶业有限公司" in text
    assert "12,345.00" in text and "壹万贰仟叁佰肆拾伍元整" in text
    assert any("lost.jpg" in w for w in outcome.warnings)
    images = image_xobjects(data)
    assert len(images) == 2 and any(i["height"] > i["width"] for i in images)  # orientation 6 upright


def test_regenerating_makes_new_versions_and_never_overwrites_a_signed_file(store, media, case: Case, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    first = generate_loss_report(store, media, case.id, out, archive_dir=tmp_path / "a").report
    second = generate_loss_report(store, media, case.id, out, archive_dir=tmp_path / "a").report
    assert (first.version, second.version) == (1, 2)
    assert Path(first.path).exists() and Path(first.path) != Path(second.path)
    # Sign v2's archived file; writing over that file is refused, another file is fine.
    store.signatures.create(Signature(owner_type="case", owner_id=case.id, signer="李四", role="insured",
                                      signed_at="2024-05-01T10:00:00Z", content_sha256=second.snapshot_sha256))
    signed_file = Path(second.path)
    before = signed_file.read_bytes()
    with pytest.raises(ValidationError, match="out"):
        generate_loss_report(store, media, case.id, signed_file)
    assert signed_file.read_bytes() == before
    third = generate_loss_report(store, media, case.id, tmp_path / "new.pdf").report
    assert third.version == 3
    assert "签署后内容已变更" not in pdftotext((tmp_path / "new.pdf").read_bytes())
    # Edit the case: the signature no longer covers the data and the report says so.
    store.cases.update(case.id, narrative_cause="管道老化 aged pipe")
    generate_loss_report(store, media, case.id, tmp_path / "edited.pdf", lang="zh")
    assert "签署后内容已变更" in pdftotext((tmp_path / "edited.pdf").read_bytes())


def test_cancel_leaves_no_file_and_no_row(store, media, case: Case, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        generate_loss_report(store, media, case.id, tmp_path / "c.pdf", cancel=token)
    assert not (tmp_path / "c.pdf").exists()
    assert store.reports.latest("case", case.id) is None


def test_cli_report_from_profile_and_case_file(profile, store, case: Case, tmp_path: Path) -> None:
    from adjuster.cli import main

    runner = CliRunner()
    out = tmp_path / "cli.pdf"
    res = runner.invoke(main, ["--data-dir", str(profile.root), "report", case.claim_no, "-o", str(out),
                               "--lang", "en", "--photos-per-page", "2"])
    assert res.exit_code == 0, res.output
    assert str(out) in res.stdout and "v1" in res.stdout and out.exists()
    assert "lost.jpg" in res.stderr
    assert (profile.reports_dir / "SVC-2024-001-loss-v1.pdf").exists()

    case_file = tmp_path / "case.json"
    assert runner.invoke(main, ["--data-dir", str(profile.root), "export", case.claim_no, "-o", str(case_file)]).exit_code == 0
    res = runner.invoke(main, ["--data-dir", str(profile.root), "report", str(case_file), "-o", str(tmp_path / "f.pdf")])
    assert res.exit_code == 0, res.output
    assert "SVC-2024-001" in pdftotext((tmp_path / "f.pdf").read_bytes())

    res = runner.invoke(main, ["--data-dir", str(profile.root), "report", "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 1 and "CASE or --visit" in res.stderr
    res = runner.invoke(main, ["--data-dir", str(profile.root), "report", "--visit", "nope", "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 1 and "not found" in res.stderr


def test_inspection_report_from_store_with_follow_up(store, media, case: Case, tmp_path: Path) -> None:
    inspect_demo = pytest.importorskip("adjuster.inspect.demo")
    photos = [p for p in store.photos.for_owner("case", case.id) if media.has(p.sha256)]
    inspect_demo.build_demo_visits(store, photos)
    latest = store.visits.list(order_by="visit_date DESC")[0]
    out = tmp_path / "visit.pdf"
    outcome = generate_inspection_report(store, media, latest.id[:13], out, lang="both")
    assert outcome.report.kind.value == "inspection" and outcome.report.version == 1
    text = " ".join(pdftotext(out.read_bytes()).split())
    site = store.sites.get(latest.site_id)
    assert site.name in text
    assert "上次建议跟进 / Follow-up of Previous Recommendations" in text
    assert "风险等级与评分 / Risk Grade and Scores" in text
