"""What the visit editor knows about one visit: its frozen template, the answers, the live score card,
its recommendations and the follow-up list from earlier visits.

Every write is one ``adjuster.inspect.service`` call (which checks the answer against the item and
saves score and grade in the same transaction); this class keeps the UI's picture in step so a key
press re-scores in memory without re-reading the visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from adjuster.domain.enums import FindingResult
from adjuster.domain.models import Finding, Recommendation, Visit
from adjuster.inspect import scoring, service
from adjuster.inspect.scoring import ScoreCard
from adjuster.inspect.templates import Item, Template


@dataclass(frozen=True)
class AnswerState:
    """One item's answer as stored: result, value (text of a number/choice/text) and severity."""

    result: str = FindingResult.UNANSWERED.value
    value: str = ""
    severity: int = 0

    @property
    def answered(self) -> bool:
        return self.result != FindingResult.UNANSWERED.value


UNANSWERED = AnswerState()


class VisitSession:
    """The state behind one open visit editor."""

    def __init__(self, store: Any, visit_id: str, *, lang: str = "zh") -> None:
        self.store = store
        self.lang = lang
        self.visit: Visit = store.visits.get(visit_id)
        self.template: Template = service.visit_template(self.visit)
        self.site = store.sites.find(self.visit.site_id)
        self.findings: dict[str, Finding] = {f.item_key: f for f in store.findings.for_visit(visit_id)}
        self.card: ScoreCard = self._score()

    def _score(self) -> ScoreCard:
        return scoring.score(self.template, service.answers_of(self.template, list(self.findings.values())))

    def reload(self) -> None:
        self.visit = self.store.visits.get(self.visit.id)
        self.findings = {f.item_key: f for f in self.store.findings.for_visit(self.visit.id)}
        self.card = self._score()

    # -- reading --------------------------------------------------------------------------------
    def item(self, key: str) -> Item:
        return self.template.item(key)

    def state(self, key: str) -> AnswerState:
        f = self.findings.get(key)
        if f is None:
            return UNANSWERED
        return AnswerState(str(f.result.value), f.value or "", int(f.severity or 0))

    def answer_of(self, key: str) -> scoring.Answer | None:
        """The scored answer of one item (None when unanswered)."""
        finding = self.findings.get(key)
        return service.answers_of(self.template, [finding]).get(key) if finding is not None else None

    def finding(self, key: str) -> Finding | None:
        return self.findings.get(key)

    @property
    def editable(self) -> bool:
        return self.visit.status in service.EDITABLE

    # -- answering ------------------------------------------------------------------------------
    def check(self, key: str, state: AnswerState) -> None:
        """Raise ValidationError (field = item key) if ``state`` does not fit the item; writes nothing."""
        if state.answered:
            scoring.evaluate(self.item(key), **self._kwargs(key, state))

    def _kwargs(self, key: str, state: AnswerState) -> dict[str, Any]:
        item = self.item(key)
        sev = state.severity if state.result == "deficient" and state.severity else None
        if state.result == "n/a" and not (item.answer == "choice" and state.value):
            return {"result": "n/a"}
        if item.answer == "check":
            return {"result": state.result, "severity": sev}
        if item.answer == "text":
            return {"value": state.value}
        # number / choice: the value decides the result; keep an engineer's severity if it still applies
        derived = scoring.evaluate(item, value=state.value)
        return {"value": state.value, "severity": sev if derived.result == "deficient" else None}

    def set_answer(self, key: str, state: AnswerState) -> AnswerState:
        """Store one answer (or clear it with UNANSWERED) and re-score; returns what was stored.

        The note typed on the item is kept.
        """
        if not state.answered:
            service.clear_answer(self.store, self.visit.id, key)
            finding = self.store.findings.get_by_key(self.visit.id, key)
        else:
            note = self.findings[key].note if key in self.findings else ""
            finding = service.answer(self.store, self.visit.id, key, note=note, **self._kwargs(key, state))
        if finding is not None:
            self.findings[key] = finding
        self.card = self._score()
        return self.state(key)

    def set_note(self, key: str, note: str) -> None:
        finding = self.ensure_finding(key)
        self.findings[key] = self.store.findings.update(finding.id, note=note)

    def ensure_finding(self, key: str) -> Finding:
        """The item's finding, created unanswered if needed (photos hang on it before an answer)."""
        finding = self.findings.get(key)
        if finding is None:
            self.item(key)
            finding = self.store.findings.create(Finding(visit_id=self.visit.id, item_key=key))
            self.findings[key] = finding
        return finding

    # -- recommendations ------------------------------------------------------------------------
    def recommendations(self) -> list[Recommendation]:
        return self.store.recommendations.for_visit(self.visit.id)

    def missing_recommendations(self) -> list[str]:
        """Item keys whose deficiency (severity ≥ 3) has no recommendation yet."""
        have = {r.item_key for r in self.recommendations()}
        return [k for k in self.card.required_recommendations if k not in have]

    def add_recommendation(self, *, item_key: str, text: str, priority: str | None, deadline: dt.date | None,
                           responsible: str) -> Recommendation:
        return service.add_recommendation(self.store, self.visit.id, item_key or None, text=text,
                                          priority=priority or None, deadline=deadline,
                                          responsible=responsible, lang=self.lang)

    # -- follow-up of earlier visits ------------------------------------------------------------
    def follow_ups(self) -> list[Recommendation]:
        return service.follow_up(self.store, self.visit.id)

    def close_follow_up(self, rec_id: str, *, after_photo_id: str | None, note: str) -> Recommendation:
        """Mark an earlier recommendation done on this visit; the 'after' photo is required."""
        return service.close_recommendation(self.store, rec_id, after_photo_id=after_photo_id,
                                            closed_on=self.visit.visit_date, visit_id=self.visit.id, note=note)

    def waive_follow_up(self, rec_id: str, *, reason: str) -> Recommendation:
        return service.waive_recommendation(self.store, rec_id, reason=reason, closed_on=self.visit.visit_date,
                                            visit_id=self.visit.id)

    def reopen_follow_up(self, rec_id: str) -> Recommendation:
        return service.reopen_recommendation(self.store, rec_id)

    def problems(self) -> list[service.Problem]:
        return service.problems(self.store, self.visit.id)

    def submit(self) -> Visit:
        """Submit the visit (the service refuses, naming the first problem, if it is incomplete)."""
        self.visit = service.submit_visit(self.store, self.visit.id)
        return self.visit


def fmt_score(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.1f}"
