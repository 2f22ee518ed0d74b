"""``adjuster import-photos``, ``adjuster photos`` and ``adjuster verify`` on a real profile."""

from __future__ import annotations

import json

from click.testing import CliRunner
from media_helpers import jpeg_bytes, scene, write

from adjuster.cli import main
from adjuster.domain.models import Case
from adjuster.profile import Profile


def run(profile_dir, *args):
    return CliRunner().invoke(main, ["--data-dir", str(profile_dir), *args], catch_exceptions=False)


def test_import_list_verify(tmp_path):
    home = tmp_path / "home"
    with Profile.at(home).open_store() as store:
        case = store.cases.create(Case(claim_no="CLI-0001"))
    folder = tmp_path / "shots"
    gps = {1: "N", 2: (31.0, 13.0, 30.0), 3: "E", 4: (121.0, 28.0, 12.0)}
    write(folder / "a.jpg", jpeg_bytes(scene(seed=1), taken="2026:04:01 09:00:00", gps=gps))
    write(folder / "deep" / "b.jpg", jpeg_bytes(scene(seed=2), taken="2026:04:01 09:05:00"))
    write(folder / "broken.jpg", b"\xff\xd8\xff\xe0 not really")

    r = run(home, "import-photos", "CLI-0001", str(folder))
    assert r.exit_code == 3, r.output  # some files rejected, the rest imported
    assert "2 imported, 0 duplicate, 1 rejected" in r.output and "truncated file" in r.output

    r = run(home, "import-photos", case.id, str(folder / "a.jpg"), "--json")
    data = json.loads(r.output)
    assert r.exit_code == 0 and data["counts"]["duplicate"] == 1

    r = run(home, "photos", "CLI-0001")
    assert r.exit_code == 0 and "31.225000 N, 121.470000 E" in r.output
    r = run(home, "photos", "CLI-0001", "--json")
    photos = json.loads(r.output)
    assert [p["original_name"] for p in photos] == ["a.jpg", "b.jpg"]
    assert all(len(p["sha256"]) == 64 and p["sha256"] in r.output for p in photos)

    r = run(home, "verify")
    assert r.exit_code == 0 and "2 intact, 0 missing, 0 altered" in r.output
    victim = Profile.at(home).media_dir / photos[1]["sha256"][:2] / photos[1]["sha256"][2:4] / photos[1]["sha256"]
    victim.unlink()
    r = run(home, "verify", "--json")
    report = json.loads(r.output)
    assert r.exit_code == 1 and report["missing"] == [photos[1]["sha256"]]
    assert report["problems"][0]["original_name"] == "b.jpg"


def test_unknown_case_is_one_line_error(tmp_path):
    r = run(tmp_path / "home", "import-photos", "NOPE-404", str(tmp_path))
    assert r.exit_code == 1 and "not found" in r.output


def test_verify_covers_signature_images(tmp_path):
    from adjuster.domain.models import Signature

    home = tmp_path / "home"
    profile = Profile.at(home)
    with profile.open_store() as store, profile.open_media() as media:
        case = store.cases.create(Case(claim_no="SIG-0001"))
        sha = media.put_bytes(b"\x89PNG fake signature image")[0]
        store.signatures.create(Signature(owner_type="case", owner_id=case.id, signer="李四", role="insured",
                                          signed_at="2026-05-01T10:00:00Z", image_sha256=sha))
    assert run(home, "verify").exit_code == 0
    media_file = profile.media_dir / sha[:2] / sha[2:4] / sha
    media_file.unlink()
    r = run(home, "verify")
    assert r.exit_code == 1 and "signature of 李四" in r.output
