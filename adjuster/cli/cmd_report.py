"""``adjuster report``: the PDF loss report of a case (or a case file), or the inspection report
of a visit. Progress goes to stderr; the result line and any photo warnings to stdout/stderr."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from adjuster.util.progress import ProgressFn


def terminal_progress(label: str) -> ProgressFn:
    """A progress callback drawing one updating line on a terminal (silent when piped)."""
    tty = sys.stderr.isatty()
    last = [0.0]

    def report(done: int, total: int) -> None:
        if not tty or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        width = 30
        filled = int(width * done / total)
        click.echo(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True,
                   nl=done >= total)

    return report


def _casefile_store(path: str) -> Any:
    """An in-memory store holding the case of a case file, so the report reads it like any case."""
    from adjuster.casefile import import_case, read_casefile
    from adjuster.store import Store

    store = Store.memory()
    case = import_case(store, read_casefile(path))
    return store, case.id


def register(group: click.Group) -> None:
    @group.command("report")
    @click.argument("case", required=False)
    @click.option("--visit", "visit_id", help="Make the inspection report of this visit instead of a loss report.")
    @click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False), help="PDF file to write.")
    @click.option("--lang", type=click.Choice(["zh", "en", "both"]), default=None,
                  help="Report language (default: the profile's report_lang setting).")
    @click.option("--photos-per-page", type=click.Choice(["2", "4", "6"]), default=None,
                  help="Photos on each photo page (default: the profile's setting, else 4).")
    @click.pass_context
    def report(ctx: click.Context, case: str | None, visit_id: str | None, out: str, lang: str | None,
               photos_per_page: str | None) -> None:
        """Write the PDF report of CASE (id, id prefix, claim no. or a case-file .json), or of --visit.

        Reports made from the profile are recorded as a new version with their sha256; a signed
        report's file is never overwritten.
        """
        from adjuster.cli.common import profile_from
        from adjuster.domain.errors import ValidationError
        from adjuster.reports import service

        if bool(case) == bool(visit_id):
            raise ValidationError("case", "give either CASE or --visit VISIT_ID")
        profile = profile_from(ctx)
        settings = profile.settings
        lang = lang or str(settings.get("report_lang") or "both")
        per_page = int(photos_per_page or settings.get("photos_per_page") or 4)
        progress = terminal_progress("report")
        common = dict(lang=lang, photos_per_page=per_page, progress=progress, settings=settings)
        media = profile.open_media()
        try:
            if visit_id:
                with_store = profile.open_store()
                try:
                    outcome = service.generate_inspection_report(with_store, media, visit_id, out,
                                                                 archive_dir=profile.reports_dir, **common)
                finally:
                    with_store.close()
            elif case and case.lower().endswith(".json") and Path(case).is_file():
                mem, case_id = _casefile_store(case)
                try:
                    outcome = service.generate_loss_report(mem, media, case_id, out, **common)
                finally:
                    mem.close()
            else:
                with_store = profile.open_store()
                try:
                    outcome = service.generate_loss_report(with_store, media, case or "", out,
                                                           archive_dir=profile.reports_dir, **common)
                finally:
                    with_store.close()
        finally:
            media.close()
        for warning in outcome.warnings:
            click.echo(f"warning: {warning}", err=True)
        size_kb = outcome.path.stat().st_size / 1024
        click.echo(f"{outcome.path}  v{outcome.report.version}  {outcome.pages} pages  {size_kb:,.0f} KB  "
                   f"sha256 {outcome.report.sha256}")
