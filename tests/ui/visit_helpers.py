"""A site with a visit started from the shipped fire-safety checklist, for the visit editor tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjuster.domain.models import Site, Visit
from adjuster.inspect import service
from adjuster.inspect.templates import find_template


def start_fire_visit(store: Any, *, site: Site | None = None, date: dt.date = dt.date(2024, 6, 3)) -> Visit:
    site = site or store.sites.create(Site(name="Riverside Textiles No. 2 Plant", address="18 River Rd"))
    return service.start_visit(store, site.id, find_template("fire_safety"), visit_date=date, engineer="Li Wei")
