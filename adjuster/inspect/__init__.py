"""Disaster-prevention inspections (防灾防损): checklist templates, scoring and risk grade, visits.

Pure parts (``templates``, ``scoring``, ``sheet_import``) need no database; ``service`` drives
visits, findings and recommendations through the store.
"""
