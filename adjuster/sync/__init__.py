"""Offline-first sync: outbox ops, per-field merge, signed bundles, and the hub's store.

Start at ``protocol`` (the shapes that travel), ``hubstore`` (the back office's database) and
``engine`` / ``transport`` (the device side). See docs/sync.md.
"""
