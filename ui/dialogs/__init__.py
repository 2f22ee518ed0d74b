"""Dialogs: settings (built from registered pages), welcome, new case/visit, database problems."""
