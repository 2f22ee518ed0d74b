"""Adjuster core library: domain, calculation, storage, photos, reports, sync. Imports no Qt."""

__version__ = "0.1.0"
