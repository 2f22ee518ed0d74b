"""Chinese and English UI, switched at runtime, and the shipped CJK font."""

from __future__ import annotations

from typing import Any

from conftest import make_case
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.models.cases import COLUMN_KEYS


def _header(window: Any, key: str) -> str:
    return window.cases.model.headerData(COLUMN_KEYS.index(key), Qt.Orientation.Horizontal)


def test_switch_to_chinese_and_back_at_runtime(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-L-0001")
    window.refresh_lists()
    editor = window.open_case(case.id)
    assert window.menu_file.title() == "&File"
    window.lang_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.menu_file.title() == "文件(&F)", timeout=3000)
    assert window.lists.tabText(0) == "案件"
    assert _header(window, "claim_no") == "赔案号"
    assert window.cases.model.data(window.cases.model.index(0, COLUMN_KEYS.index("status"))) == "草稿"
    assert editor.tabs.tabText(editor.TABS.index("calculation")) == "理算"
    assert editor.overview.form.bindings["sum_insured"].label.text() == "保险金额"
    assert window.cases.count.text() == "共 1 个案件"
    assert window.act_undo.text() == "撤销"
    assert window.ctx.profile.settings["ui_lang"] == "zh_CN"
    window.lang_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File", timeout=3000)
    assert editor.tabs.tabText(editor.TABS.index("calculation")) == "Calculation"
    assert editor.overview.form.bindings["sum_insured"].label.text() == "Sum insured"
    assert _header(window, "claim_no") == "Claim no."
    assert window.ctx.profile.settings["ui_lang"] == "en"


#: UI parts left out of the check below (none: every part of ui/ has its glossary now).
OTHERS: tuple[str, ...] = ()


def test_every_main_ui_string_has_a_chinese_translation(tmp_path: Any) -> None:
    """lupdate over every UI file: every source string is in a glossary and in the built .qm."""
    import json
    import subprocess
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import PySide6

    from adjuster.resources import resource_path

    root = Path(__file__).resolve().parents[2]
    files = [str(p.relative_to(root)) for p in sorted((root / "ui").rglob("*.py"))
             if not str(p.relative_to(root)).startswith(OTHERS)]
    lupdate = Path(list(PySide6.__path__)[0]) / "lupdate"
    ts = tmp_path / "main.ts"
    subprocess.run([str(lupdate), "-silent", *files, "-ts", str(ts)], cwd=root, check=True)
    sources = {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}
    assert len(sources) > 200
    glossary: dict[str, str] = {}
    for path in sorted(resource_path("translations", "glossary").glob("*.json")):
        glossary.update(json.loads(path.read_text("utf-8")))
    assert sorted(s for s in sources if s not in glossary) == []
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ui.i18n import tr

    qm = QTranslator()
    assert qm.load(str(resource_path("translations", "adjuster_zh_CN.qm")))
    QCoreApplication.installTranslator(qm)
    try:
        untranslated = [s for s in sources if s and "%n" not in s and tr(s) == s and glossary[s] != s]
    finally:
        QCoreApplication.removeTranslator(qm)
    assert untranslated == [], "run scripts/update-translations"


def test_shipped_cjk_font_is_loaded_and_is_the_fallback(qtbot: Any, window: Any) -> None:
    families = QFontDatabase.families()
    assert any("WenQuanYi" in f for f in families)
    app_font = QApplication.font()
    assert any("WenQuanYi" in f for f in app_font.families())


def test_import_warnings_show_in_chinese(qtbot: Any, window: Any) -> None:
    from ui.views.photos.import_panel import warning_text

    window.set_language("zh_CN")
    try:
        assert warning_text("no capture time in the photo; file time used") == "照片中没有拍摄时间，已使用文件时间"
        assert warning_text("damaged image data (invalid marker 0x9F at byte 229375); the decoder recovered but "
                            "parts of the picture may be grey or shifted").startswith("图像数据损坏")
        assert warning_text("invalid EXIF orientation 9; treated as 1") == "EXIF 方向值 9 无效，按原样显示"
        assert warning_text("something new from the core") == "something new from the core"  # shown, never hidden
    finally:
        window.set_language("en")
