"""The back-office hub: an HTTP/JSON server (Starlette) over the sync engine's HubStore.

``create_app(hub_dir, db_url=None)`` builds the app; ``HubContext.open(hub_dir)`` gives the same
databases to the CLI (enrolment, review, stats, exports). See docs/hub.md for the endpoints.
"""

from adjuster.sync.hub.app import create_app
from adjuster.sync.hub.auth import AuthDB, Identity, Role
from adjuster.sync.hub.context import HubContext
from adjuster.sync.hub.errors import HubError
from adjuster.sync.hub.limits import HubLimits

__all__ = ["AuthDB", "HubContext", "HubError", "HubLimits", "Identity", "Role", "create_app"]
