"""The prevention-visit editor: checklist with keyboard answering, photos per finding,
recommendations, follow-up of earlier visits, live grade."""

from ui.views.visit.editor import VisitEditor

__all__ = ["VisitEditor"]
