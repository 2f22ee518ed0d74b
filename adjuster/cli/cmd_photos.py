"""``adjuster import-photos | photos | verify``: bring photos into a case, list them with their
hashes, and prove the stored originals are intact. Parsing and printing only; adjuster.media works."""

from __future__ import annotations

import sys
from typing import Any

import click

from adjuster.cli.common import echo_json, open_store, print_table, profile_from
from adjuster.media import ImportResult, import_photos, summarize
from adjuster.media.service import expected_hashes
from adjuster.media.stamp import format_position

EXIT_SOME_REJECTED = 3


def register(group: click.Group) -> None:
    group.add_command(import_photos_cmd)
    group.add_command(photos_cmd)
    group.add_command(verify_cmd)


def _detail(r: ImportResult) -> str:
    if r.status in ("imported", "duplicate"):
        text = (r.sha256 or "")[:12]
        if r.warnings:
            text += "  ! " + "; ".join(r.warnings)
        return text
    return r.reason


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("import-photos")
@click.argument("case_key", metavar="CASE_ID")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@click.option("--item", "item_id", default=None, help="Link the photos to this loss item id.")
@click.option("--workers", type=click.IntRange(1, 16), default=None, help="Worker threads (default: CPU cores).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON result per file instead of a table.")
@click.pass_context
def import_photos_cmd(ctx: click.Context, case_key: str, paths: tuple[str, ...], item_id: str | None,
                      workers: int | None, as_json: bool) -> None:
    """Import photo files and folders (recursively) into a case (id or claim number).

    Exit status 3 when some files were rejected (the rest are imported).
    """
    profile = profile_from(ctx)
    with open_store(ctx) as store:
        case = store.cases.resolve(case_key)
        media = profile.open_media()
        try:
            bar: Any = None
            if not as_json and sys.stderr.isatty():
                bar = click.progressbar(length=1, label="Importing", file=sys.stderr)

            def progress(done: int, total: int) -> None:
                if bar is not None:
                    bar.length = max(total, 1)
                    bar.update(done - bar.pos)

            results = import_photos(store, media, "case", case.id, list(paths), progress=progress,
                                    item_id=item_id, workers=workers)
            if bar is not None:
                bar.render_finish()
        finally:
            media.close()
    counts = summarize(results)
    if as_json:
        echo_json({"case_id": case.id, "claim_no": case.claim_no, "counts": counts,
                   "results": [r.to_dict() for r in results]})
    else:
        print_table(["file", "status", "sha256 / reason"], [(r.path, r.status, _detail(r)) for r in results])
        click.echo(
            f"\n{case.claim_no}: {counts['imported']} imported, {counts['duplicate']} duplicate, "
            f"{counts['rejected']} rejected" + (f", {counts['cancelled']} cancelled" if counts["cancelled"] else "")
        )
    if counts["rejected"]:
        ctx.exit(EXIT_SOME_REJECTED)


@click.command("photos")
@click.argument("case_key", metavar="CASE_ID")
@click.option("--json", "as_json", is_flag=True, help="Print the photo records as JSON.")
@click.pass_context
def photos_cmd(ctx: click.Context, case_key: str, as_json: bool) -> None:
    """List a case's photos with capture time, position, camera and full SHA-256."""
    with open_store(ctx) as store:
        case = store.cases.resolve(case_key)
        rows = store.photos.for_owner("case", case.id)
    if as_json:
        echo_json([p.to_dict() for p in rows])
        return
    print_table(
        ["#", "file", "taken", "gps", "camera", "size", "sha256", "notes"],
        [
            (
                p.position + 1,
                p.original_name,
                (p.taken_at or "").replace("T", " ") + (" (file time)" if p.taken_at_source == "file" else ""),
                format_position(p.gps_lat, p.gps_lon) if p.gps_lat is not None and p.gps_lon is not None else "",
                " ".join(x for x in (p.camera_make, p.camera_model) if x),
                f"{p.width}×{p.height}",
                p.sha256,
                _short(p.warnings),
            )
            for p in rows
        ],
        right=[0],
    )
    click.echo(f"\n{len(rows)} photo(s) in {case.claim_no}")


@click.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def verify_cmd(ctx: click.Context, as_json: bool) -> None:
    """Re-hash every stored original; report missing or altered files (exit status 1 if any)."""
    profile = profile_from(ctx)
    with open_store(ctx) as store:
        expected = expected_hashes(store)
        media = profile.open_media()
        try:
            report = media.verify(expected)
        finally:
            media.close()
        bad = {sha: state for state, shas in (("missing", report.missing), ("altered", report.altered)) for sha in shas}
        where = []
        for sha, state in sorted(bad.items()):
            for p in store.photos.by_sha(sha):
                where.append({"sha256": sha, "state": state, "photo_id": p.id, "owner_type": str(p.owner_type),
                              "owner_id": p.owner_id, "original_name": p.original_name})
            for sig in store.signatures.list("image_sha256 = ?", [sha]):
                where.append({"sha256": sha, "state": state, "signature_id": sig.id, "owner_type": str(sig.owner_type),
                              "owner_id": sig.owner_id, "original_name": f"signature of {sig.signer}"})
    if as_json:
        echo_json({**report.to_dict(), "problems": where})
    else:
        click.echo(f"{report.checked} original(s) checked: {report.ok} intact, {len(report.missing)} missing, "
                   f"{len(report.altered)} altered; {len(report.unreferenced)} stored file(s) not referenced")
        if where:
            print_table(["state", "sha256", "file", "owner"],
                        [(w["state"], w["sha256"], w["original_name"], f"{w['owner_type']} {w['owner_id']}") for w in where])
    if not report.clean:
        ctx.exit(1)
