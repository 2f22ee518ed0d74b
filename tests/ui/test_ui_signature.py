"""Signature pad: strokes by mouse and touch, clear/undo, PNG export, and storing the signature."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib  # noqa: E402
import io  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from photo_helpers import make_case  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from adjuster import signatures  # noqa: E402
from adjuster.domain.errors import NotFoundError, ValidationError  # noqa: E402
from ui.dialogs.signature import SignatureDialog  # noqa: E402


@pytest.fixture
def media(profile: Any) -> Any:
    m = profile.open_media()
    yield m
    m.close()


@pytest.fixture
def dialog(qtbot: Any) -> SignatureDialog:
    dlg = SignatureDialog("Wang Fang", "insured")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def scribble(qtbot: Any, pad: Any, points: list[tuple[int, int]]) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for p in points[1:]:
        qtbot.mouseMove(pad, QPoint(*p))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_mouse_strokes_undo_clear_and_png(qtbot: Any, dialog: SignatureDialog) -> None:
    pad = dialog.pad
    assert not dialog.sign_button.isEnabled()
    scribble(qtbot, pad, [(40, 120), (80, 60), (120, 130), (160, 70)])
    scribble(qtbot, pad, [(200, 100), (260, 100)])
    assert len(pad.strokes()) == 2 and len(pad.strokes()[0]) == 4
    assert dialog.sign_button.isEnabled()
    dialog.undo_button.click()
    assert len(pad.strokes()) == 1
    png = dialog.png_bytes()
    assert png.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(png)) as im:
        im = im.convert("RGBA")
        # cropped to the ink: about (160-40) × (130-60) pixels at 2×, plus margins
        assert 240 <= im.width <= 320 and 140 <= im.height <= 220
        alpha = im.getchannel("A")
        assert alpha.getextrema() == (0, 255)  # transparent background, opaque ink
    vec = dialog.strokes()
    assert vec["strokes"][0][0] == [40.0, 120.0, 1.0]
    dialog.clear_button.click()
    assert pad.is_empty() and dialog.png_bytes() == b""
    assert not dialog.sign_button.isEnabled()
    dialog.accept()  # Enter on an empty pad does nothing
    assert dialog.isVisible()


def test_touch_strokes(qtbot: Any, dialog: SignatureDialog) -> None:
    device = QTest.createTouchDevice()
    pad = dialog.pad
    window = dialog.windowHandle()

    def touch(action: str, x: int, y: int) -> None:
        seq = QTest.touchEvent(window, device)
        getattr(seq, action)(0, pad.mapTo(dialog, QPoint(x, y)), window)
        seq.commit()

    touch("press", 30, 50)
    touch("move", 90, 80)
    touch("move", 150, 60)
    touch("release", 150, 60)
    assert len(pad.strokes()) == 1
    assert [p[:2] for p in pad.strokes()[0]] == [(30.0, 50.0), (90.0, 80.0), (150.0, 60.0)]
    assert dialog.sign_button.isEnabled()


def test_sign_stores_png_and_record(qtbot: Any, dialog: SignatureDialog, store: Any, media: Any) -> None:
    case = make_case(store)
    scribble(qtbot, dialog.pad, [(40, 120), (80, 60), (120, 130)])
    dialog.sign_button.click()
    assert dialog.result() == SignatureDialog.DialogCode.Accepted
    content = hashlib.sha256(b"report snapshot").hexdigest()
    sig = signatures.sign(store, media, "case", case.id, dialog.signer, dialog.role, dialog.png_bytes(), content)
    assert sig.role.value == "insured" and sig.signer == "Wang Fang" and sig.content_sha256 == content
    assert media.original_path(sig.image_sha256).read_bytes() == dialog.png_bytes()
    assert [s.id for s in signatures.signatures_of(store, "case", case.id)] == [sig.id]
    assert signatures.is_current(sig, content)
    assert not signatures.is_current(sig, hashlib.sha256(b"edited later").hexdigest())
    assert [o["entity"] for o in store.outbox()][-1] == "signature"


def test_sign_refuses_bad_input(store: Any, media: Any) -> None:
    case = make_case(store)
    good = hashlib.sha256(b"x").hexdigest()
    buf = io.BytesIO()
    Image.new("RGBA", (20, 10)).save(buf, "PNG")
    png = buf.getvalue()
    with pytest.raises(ValidationError) as err:
        signatures.sign(store, media, "case", case.id, "A", "insured", b"GIF89a....", good)
    assert err.value.field == "image"
    with pytest.raises(ValidationError) as err:
        signatures.sign(store, media, "case", case.id, "A", "insured", png[:30], good)
    assert err.value.field == "image"
    with pytest.raises(ValidationError) as err:
        signatures.sign(store, media, "case", case.id, " ", "insured", png, good)
    assert err.value.field == "signer"
    with pytest.raises(ValidationError) as err:
        signatures.sign(store, media, "case", case.id, "A", "boss", png, good)
    assert err.value.field == "role"
    with pytest.raises(ValidationError) as err:
        signatures.sign(store, media, "case", case.id, "A", "insured", png, "abc")
    assert err.value.field == "content_sha256"
    with pytest.raises(NotFoundError):
        signatures.sign(store, media, "case", "no-such-case", "A", "insured", png, good)
    assert store.signatures.count() == 0


def test_ask_signature_signs_or_cancels(qtbot: Any, store: Any, media: Any, monkeypatch: Any) -> None:
    from ui.dialogs import signature as sigmod

    case = make_case(store)
    content = hashlib.sha256(b"snapshot").hexdigest()

    def fake_exec(self: SignatureDialog) -> int:
        self.pad.begin(QPointF(10, 10))
        self.pad.extend(QPointF(80, 40))
        self.pad.end()
        return SignatureDialog.DialogCode.Accepted

    monkeypatch.setattr(sigmod.SignatureDialog, "exec", fake_exec)
    sig = sigmod.ask_signature(store, media, "case", case.id, "Wang Fang", "insured", content)
    assert sig is not None and media.has(sig.image_sha256) and sig.content_sha256 == content
    monkeypatch.setattr(sigmod.SignatureDialog, "exec", lambda self: SignatureDialog.DialogCode.Rejected)
    assert sigmod.ask_signature(store, media, "case", case.id, "Wang Fang", "insured", content) is None
    assert store.signatures.count() == 1
