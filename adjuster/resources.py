"""Find shipped resources (fonts, templates, translations, icons) in a checkout, an installed
wheel or a PyInstaller bundle — one lookup every module uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_root() -> Path:
    """The ``resources/`` directory: $ADJUSTER_RESOURCES, a PyInstaller bundle, the package's copy
    (wheels), or the checkout's top-level folder."""
    candidates = []
    env = os.environ.get("ADJUSTER_RESOURCES")
    if env:
        candidates.append(Path(env))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "_resources", here.parent / "resources"]
    for c in candidates:
        if (c / "fonts").is_dir():
            return c
    return here.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
