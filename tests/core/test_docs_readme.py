"""The README's links and images point at files that exist, and it names the two commands."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_links_resolve():
    text = (ROOT / "README.md").read_text("utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#]+)\)", text) if not t.startswith("http")]
    assert targets, "the README links nothing"
    missing = [t for t in targets if not (ROOT / t).exists()]
    assert missing == []


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    text = (ROOT / "README.md").read_text("utf-8")
    assert "scripts/run" in text and "scripts/test" in text
    assert "exec scripts/test" in (ROOT / ".ci" / "run").read_text("utf-8")
