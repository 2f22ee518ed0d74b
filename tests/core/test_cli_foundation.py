"""CLI: demo, cases, export/import round trip, doctor, and one-line errors for user mistakes."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from adjuster.cli import main


def run(*args, home):
    result = CliRunner().invoke(main, ["--data-dir", str(home), *args], catch_exceptions=False)
    return result


def test_demo_then_cases_json_lists_demo_cases(tmp_path):
    home = tmp_path / "p"
    assert run("demo", home=home).exit_code == 0
    result = run("cases", "--json", home=home)
    rows = json.loads(result.output)
    claims = {r["claim_no"] for r in rows}
    assert {"PA2026-0315-001", "CLM-2026-0117"} <= claims
    assert len({r["status"] for r in rows}) >= 4, "demo cases are at different statuses"
    assert any("宁波" in r["insured_name"] for r in rows) and any("Ltd" in r["insured_name"] for r in rows)
    filtered = json.loads(run("cases", "--json", "--status", "approved", home=home).output)
    assert [r["claim_no"] for r in filtered] == ["CLM-2026-0117"]


def test_export_import_into_empty_profile_round_trips(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run("demo", home=a)
    exported = run("export", "PA2026-0315-001", home=a).output
    (tmp_path / "case.json").write_text(exported, encoding="utf-8")
    result = run("import", str(tmp_path / "case.json"), home=b)
    assert result.exit_code == 0, result.output
    assert run("export", "PA2026-0315-001", home=b).output == exported


def test_user_errors_are_one_line_without_traceback(tmp_path):
    home = tmp_path / "p"
    result = CliRunner().invoke(main, ["--data-dir", str(home), "export", "NO-SUCH-CASE"])
    assert result.exit_code == 1
    assert result.output.strip() == "error: case 'NO-SUCH-CASE' not found"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "adjuster.case/1", "case": {"claim_no": "PA-1"}, "items": [{"description": "x", "qty": "-3"}]}')
    result = CliRunner().invoke(main, ["--data-dir", str(home), "import", str(bad)])
    assert result.exit_code == 1 and "items[0].qty" in result.output and "Traceback" not in result.output


def test_not_a_database_is_reported_and_untouched(tmp_path):
    home = tmp_path / "p"
    home.mkdir()
    (home / "adjuster.db").write_text("not a database")
    result = CliRunner().invoke(main, ["--data-dir", str(home), "cases"])
    assert result.exit_code == 1 and "not an SQLite file" in result.output
    assert (home / "adjuster.db").read_text() == "not a database"


def test_adjuster_home_env_selects_profile(tmp_path, monkeypatch):
    monkeypatch.setenv("ADJUSTER_HOME", str(tmp_path / "envp"))
    assert CliRunner().invoke(main, ["demo"]).exit_code == 0
    assert (tmp_path / "envp" / "adjuster.db").exists()
    conn = sqlite3.connect(tmp_path / "envp" / "adjuster.db")
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] >= 6


def test_doctor_passes_on_a_healthy_profile(tmp_path):
    home = tmp_path / "p"
    run("demo", home=home)
    result = CliRunner().invoke(main, ["--data-dir", str(home), "doctor"])
    assert result.exit_code == 0, result.output
    assert "integrity ok" in result.output and "CJK font" in result.output


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "adjuster" in result.output
