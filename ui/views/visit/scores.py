"""Live grade and category scores, redrawn from the in-memory score card after every answer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from adjuster.inspect.scoring import GRADE_NAMES, ScoreCard
from adjuster.inspect.templates import tr as pick
from ui.i18n import tr
from ui.views.visit.session import fmt_score

GRADE_COLORS = {"A": "#1b7f3b", "B": "#4f8a10", "C": "#b58900", "D": "#cb4b16", "E": "#b3261e"}


class ScorePanel(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.grade = QLabel("—", self)
        self.grade.setObjectName("gradeLabel")
        font = QFont()
        font.setPointSize(30)
        font.setBold(True)
        self.grade.setFont(font)
        self.grade.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grade.setMinimumWidth(64)
        self.overall = QLabel(self)
        self.overall.setObjectName("overallLabel")
        self.overall.setWordWrap(True)
        self.caps = QLabel(self)
        self.caps.setWordWrap(True)
        self.caps.setStyleSheet("color: #cb4b16;")
        self.progress = QLabel(self)
        head = QHBoxLayout()
        head.addWidget(self.grade)
        text = QVBoxLayout()
        text.addWidget(self.overall)
        text.addWidget(self.progress)
        text.addWidget(self.caps)
        head.addLayout(text, 1)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.grid.setVerticalSpacing(2)
        self.bars: dict[str, tuple[QLabel, QProgressBar]] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.grid)

    def set_lang(self, lang: str) -> None:
        """Category names follow the UI language; the next ``show_card`` relabels them."""
        self.lang = lang

    def show_card(self, card: ScoreCard) -> None:
        self.card = card
        grade = card.grade or "—"
        self.grade.setText(grade)
        self.grade.setStyleSheet(f"color: {GRADE_COLORS.get(grade, '#666666')};")
        if card.grade:
            self.overall.setText(tr("Score {} — {}").format(fmt_score(card.overall), pick(GRADE_NAMES[card.grade], self.lang)))
        else:
            self.overall.setText(tr("No score yet: answer an item."))
        self.progress.setText(tr("{} of {} items answered").format(card.answered, card.total))
        self.caps.setText(self._caps_text(card))
        self.caps.setVisible(bool(card.caps))
        for row, cat in enumerate(card.categories):
            if cat.key not in self.bars:
                label = QLabel(pick(cat.title, self.lang), self)
                label.setWordWrap(True)  # long category names wrap instead of widening the editor
                bar = QProgressBar(self)
                bar.setRange(0, 1000)
                bar.setObjectName(f"score_{cat.key}")
                bar.setMaximumHeight(self.fontMetrics().height() + 2)
                label.setToolTip(label.text())
                r, c = divmod(row, 2)
                self.grid.addWidget(label, r, 2 * c)
                self.grid.addWidget(bar, r, 2 * c + 1)
                self.bars[cat.key] = (label, bar)
            label, bar = self.bars[cat.key]
            label.setText(pick(cat.title, self.lang))
            label.setToolTip(label.text())
            if cat.score is None:
                bar.setValue(0)
                bar.setFormat(tr("n/a") if cat.answered else "—")
            else:
                bar.setValue(int(cat.score * 10))
                bar.setFormat(fmt_score(cat.score))

    def _caps_text(self, card: ScoreCard) -> str:
        if not card.caps or not card.band or not card.grade:
            return ""
        return tr("Capped from {} to {} by a serious deficiency.").format(card.band, card.grade)
