"""SQLite storage: connection (WAL, foreign keys, busy timeout), numbered migrations, repositories."""

from adjuster.store.database import DatabaseError
from adjuster.store.migrate import LATEST_VERSION, migrate
from adjuster.store.queries import CaseFilter
from adjuster.store.store import Store

__all__ = ["LATEST_VERSION", "CaseFilter", "DatabaseError", "Store", "migrate"]
