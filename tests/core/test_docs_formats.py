"""docs/formats.md embeds the exact schema the importer uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

from adjuster import casefile

ROOT = Path(__file__).resolve().parents[2]


def test_schema_in_docs_matches_package():
    text = (ROOT / "docs" / "formats.md").read_text("utf-8")
    block = re.search(r"<!-- schema:begin -->\s*```json\n(.*?)```", text, re.S)
    assert block, "schema block missing from docs/formats.md"
    assert json.loads(block.group(1)) == casefile.schema()
