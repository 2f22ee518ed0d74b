"""Back-office endpoints (reviewer/admin tokens): review queue, case detail with what changed,
decisions, assignment, conflict resolution, metrics and exports."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from adjuster.domain.errors import ValidationError
from adjuster.sync.hub import exports, metrics, review
from adjuster.sync.hub.common import blocking, caller, hub, ok
from adjuster.sync.hub.limits import read_json


def _str(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(key, "must be a string")
    if required and not value.strip():
        raise ValidationError(key, "is required")
    return value


async def review_queue(request: Request) -> Response:
    await caller(request, office=True)
    include = request.query_params.get("include", "all")
    if include not in ("all", "cases", "visits"):
        raise ValidationError("include", "must be all, cases or visits")
    ctx = hub(request)
    return ok({"queue": await blocking(lambda: review.queue(ctx.store, include=include))})


async def review_case(request: Request) -> Response:
    await caller(request, office=True)
    ctx = hub(request)
    return ok(await blocking(lambda: review.case_detail(ctx.store, request.path_params["case_id"])))


async def review_visit(request: Request) -> Response:
    await caller(request, office=True)
    ctx = hub(request)
    return ok(await blocking(lambda: review.visit_detail(ctx.store, request.path_params["visit_id"])))


async def decide_case(request: Request) -> Response:
    ident = await caller(request, office=True)
    ctx = hub(request)
    data = await read_json(request, 64 * 1024)
    decision = _str(data, "decision", required=True)
    comment = _str(data, "comment")
    amount = data.get("amount")
    if amount is not None and not isinstance(amount, str | int | float):
        raise ValidationError("amount", "must be a decimal string")
    change = await blocking(lambda: review.decide(ctx.store, request.path_params["case_id"], decision, amount=amount,
                                                  comment=comment, by=ident.user))
    return ok({"change": change})


async def decide_visit(request: Request) -> Response:
    ident = await caller(request, office=True)
    ctx = hub(request)
    data = await read_json(request, 64 * 1024)
    decision, comment = _str(data, "decision", required=True), _str(data, "comment")
    change = await blocking(lambda: review.decide_visit(ctx.store, request.path_params["visit_id"], decision,
                                                        comment=comment, by=ident.user))
    return ok({"change": change})


async def assign_case(request: Request) -> Response:
    ident = await caller(request, office=True)
    ctx = hub(request)
    data = await read_json(request, 64 * 1024)
    user = _str(data, "user", required=True)
    change = await blocking(lambda: review.assign(ctx.store, request.path_params["case_id"], user, by=ident.user))
    return ok({"change": change})


async def resolve_conflict(request: Request) -> Response:
    ident = await caller(request, office=True)
    ctx = hub(request)
    data = await read_json(request, 256 * 1024)
    choice = _str(data, "choice", required=True)
    conflict = await blocking(lambda: ctx.store.resolve_conflict(request.path_params["conflict_id"], choice,
                                                                 data.get("value"), by=ident.user))
    return ok({"conflict": conflict.to_json()})


async def get_metrics(request: Request) -> Response:
    await caller(request, office=True)
    ctx = hub(request)
    return ok(await blocking(lambda: metrics.stats(ctx.store)))


async def get_export(request: Request) -> Response:
    await caller(request, office=True)
    ctx = hub(request)
    name = request.path_params["name"]
    data, media = await blocking(exports.export, ctx.store, name)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


ROUTES = [
    Route("/v1/review/queue", review_queue, methods=["GET"]),
    Route("/v1/review/cases/{case_id}", review_case, methods=["GET"]),
    Route("/v1/review/cases/{case_id}/decision", decide_case, methods=["POST"]),
    Route("/v1/review/cases/{case_id}/assign", assign_case, methods=["POST"]),
    Route("/v1/review/visits/{visit_id}", review_visit, methods=["GET"]),
    Route("/v1/review/visits/{visit_id}/decision", decide_visit, methods=["POST"]),
    Route("/v1/conflicts/{conflict_id}/resolve", resolve_conflict, methods=["POST"]),
    Route("/v1/metrics", get_metrics, methods=["GET"]),
    Route("/v1/export/{name}", get_export, methods=["GET"]),
]
