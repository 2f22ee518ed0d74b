"""Office figures and exports computed from a hub's records (and served over HTTP)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from hub_support import HttpDevice, running_hub

from adjuster.sync.hub import exports, metrics, review
from adjuster.sync.hubstore import HubStore

TODAY = dt.date(2026, 6, 30)


def _hub(root: Path) -> HubStore:
    hub = HubStore.open(root)
    case = {"sum_insured": "100000"}
    hub.office_create("case", {**case, "claim_no": "M-1", "assigned_to": "wang", "status": "approved",
                               "loss_date": "2026-06-01", "survey_date": "2026-06-03", "reviewed_at": "2026-06-11T08:00:00Z"})
    hub.office_create("case", {**case, "claim_no": "M-2", "assigned_to": "wang", "status": "closed",
                               "loss_date": "2026-06-01", "survey_date": "2026-06-05", "reviewed_at": "2026-06-21T08:00:00Z"})
    hub.office_create("case", {**case, "claim_no": "M-3", "assigned_to": "li", "status": "submitted",
                               "loss_date": "2026-06-10", "survey_date": "2026-06-16"})
    hub.office_create("case", {**case, "claim_no": "M-4", "assigned_to": "li", "status": "withdrawn"})
    hub.office_create("case", {**case, "claim_no": "M-5", "status": "draft"})
    site = hub.office_create("site", {"name": "东区仓库", "lat": 31.2, "lon": 121.4, "team": "east"}).record_id
    hub.office_create("site", {"name": "No coordinates"})
    visit = hub.office_create("visit", {"site_id": site, "visit_date": "2026-06-01", "status": "submitted"}).record_id
    for deadline, status in (("2026-06-01", "open"), ("2026-08-01", "open"), ("2026-05-01", "overdue"),
                             ("2026-05-01", "waived")):
        hub.office_create("recommendation", {"site_id": site, "visit_id": visit, "text": "fix", "deadline": deadline,
                                             "status": status})
    return hub


def test_stats_figures(tmp_path: Path) -> None:
    hub = _hub(tmp_path / "hub")
    data = metrics.stats(hub, today=TODAY)
    c = data["cases"]
    assert (c["total"], c["open"], c["closed"], c["awaiting_review"]) == (5, 2, 2, 1)
    assert c["closing_rate"] == 0.5  # 2 closed of 4 not withdrawn
    assert c["avg_days_loss_to_survey"] == 4.0  # (2 + 4 + 6) / 3
    assert c["avg_days_loss_to_closing"] == 15.0  # (10 + 20) / 2
    assert data["per_adjuster"] == {"(unassigned)": {"total": 1, "open": 1, "closed": 0},
                                    "li": {"total": 2, "open": 1, "closed": 0},
                                    "wang": {"total": 2, "open": 0, "closed": 2}}
    assert data["recommendations"] == {"open": 3, "overdue": 2}
    assert data["visits"] == {"total": 1, "awaiting_review": 1}
    queue = review.queue(hub)
    assert [(q["kind"], q.get("claim_no")) for q in queue] == [("case", "M-3"), ("visit", None)]
    review.decide_visit(hub, queue[1]["id"], "return", comment="photos blurred", by="rita")
    assert review.queue(hub, include="visits") == []
    hub.close()


def test_exports(tmp_path: Path) -> None:
    hub = _hub(tmp_path / "hub")
    cases = list(csv.DictReader(io.StringIO(exports.cases_csv(hub).decode("utf-8-sig"))))
    assert [r["claim_no"] for r in cases] == ["M-1", "M-2", "M-3", "M-4", "M-5"]
    assert cases[0]["sum_insured"] == "100000"
    sites = json.loads(exports.sites_geojson(hub))
    assert len(sites["features"]) == 1
    assert sites["features"][0]["geometry"] == {"type": "Point", "coordinates": [121.4, 31.2]}
    assert sites["features"][0]["properties"]["name"] == "东区仓库"
    assert json.loads(exports.photos_geojson(hub)) == {"type": "FeatureCollection", "features": []}
    items = exports.items_csv(hub).decode("utf-8-sig").splitlines()
    assert items[0].startswith("id,case_id,claim_no")
    hub.close()


def test_metrics_and_exports_over_http(tmp_path: Path) -> None:
    _hub(tmp_path / "hub").close()
    with running_hub(tmp_path / "hub") as server:
        office = HttpDevice(tmp_path, "office", "rita").enrol(server, role="reviewer")
        try:
            client = office.transport.client
            assert client.get_json("/v1/metrics")["cases"]["total"] == 5
            r = client.request("GET", "/v1/export/cases.csv")
            assert r.headers["content-type"].startswith("text/csv") and "M-3" in r.content.decode("utf-8-sig")
            r = client.request("GET", "/v1/export/sites.geojson")
            assert r.headers["content-type"] == "application/geo+json"
            from adjuster.sync.client import HubApiError

            try:
                client.request("GET", "/v1/export/secrets.txt")
            except HubApiError as err:
                assert err.status == 422 and err.extra["field"] == "export"
            else:
                raise AssertionError("unknown export accepted")
        finally:
            office.close()
