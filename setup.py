"""Build hook: ship the top-level ``resources/`` folder inside the wheel as ``adjuster/_resources``
(``adjuster.resources`` finds it there). Everything else is in pyproject.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        src = Path(__file__).parent / "resources"
        if src.is_dir():
            dst = Path(self.build_lib) / "adjuster" / "_resources"
            shutil.rmtree(dst, ignore_errors=True)  # a file deleted from resources/ must not linger
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.ts", "glossary", "*.py", "__pycache__"))


setup(cmdclass={"build_py": BuildWithResources})
