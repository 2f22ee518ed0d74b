"""The user guides' commands work as written.

Every line starting with ``$ `` in a ```console block of docs/guide.en.md is run, in order
(docs/guide.zh.md must list exactly the same commands, so they are proven too), with the venv's ``adjuster`` first on the PATH, ``ADJUSTER_HOME`` set to a fresh
temporary profile and a temporary working directory holding ``site-photos/`` (two JPEGs with EXIF,
standing in for the photos copied from a camera, which the guide asks the reader to have).

- A ```bash block is shown, not run — except the hub server it starts (``adjuster … serve``): the
  test starts that command in the background on a free port and, from then on, reads the guide's
  ``127.0.0.1:8765`` as that port.
- ``<placeholder>`` stands for a value the reader copies from an earlier command's output (an
  enrolment code, a visit id…); PLACEHOLDERS says which output and which pattern, so the test
  copies it the same way.
- Every command must exit 0 and must be an ``adjuster`` command.
Also checked: both guides list the same commands, cover every topic of the issue, and every image
they embed exists.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDES = [DOCS / "guide.en.md", DOCS / "guide.zh.md"]
VENV_BIN = Path(sys.executable).parent
GUIDE_PORT = "127.0.0.1:8765"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

#: placeholder → (text in the earlier command whose output holds it, pattern, which match)
PLACEHOLDERS: dict[str, tuple[str, str, int]] = {
    "<code>": ("hub enrol", r"^([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$", -1),
    "<hub-key>": ("sync enrol", r"hub key: (\S+)", -1),
    "<receipt-file>": ("sync import", r"receipt (\S+\.adjsync)\s*$", -1),
    "<visit-id>": ("adjuster visits", rf"^\d{{4}}-\d\d-\d\d\s+\S+@\d+\s.*\s({UUID})\s*$", -1),
    "<conflict-id>": ("sync conflicts", rf"^({UUID})\s", 0),
}
#: topics of the issue, each must be a heading in both guides (en heading, zh heading)
TOPICS = [
    ("first start", "首次启动"),
    ("a claim from site to pdf", "从现场到 pdf"),
    ("prevention visit", "防灾防损查勘"),
    ("sync", "同步"),
    ("usb", "u 盘"),
    ("back-office review", "后台审核"),
    ("settings", "设置"),
    ("troubleshooting", "故障排除"),
]


@dataclass
class Block:
    kind: str  # "console" or "bash"
    lines: list[str] = field(default_factory=list)
    line_no: int = 0


def blocks(path: Path) -> list[Block]:
    out: list[Block] = []
    current: Block | None = None
    for no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        fence = re.match(r"^```(\w*)\s*$", line)
        if fence and current is None:
            current = Block(fence.group(1), [], no)
        elif fence:
            out.append(current)
            current = None
        elif current is not None:
            current.lines.append(line)
    assert current is None, f"{path.name}: unclosed code block from line {current.line_no}"
    return out


def commands(block: Block) -> list[str]:
    """``$ `` lines of a console block; a trailing backslash continues on the next line."""
    cmds: list[str] = []
    pending: str | None = None
    for line in block.lines:
        if pending is not None:
            pending += " " + line.strip()
        elif line.startswith("$ "):
            pending = line[2:].strip()
        else:
            continue
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip()
        else:
            cmds.append(pending)
            pending = None
    return cmds


def guide_commands(path: Path) -> list[str]:
    return [c for b in blocks(path) if b.kind == "console" for c in commands(b)]


def _photos(folder: Path) -> None:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True)
    for i, colour in enumerate([(150, 120, 90), (90, 110, 140)]):
        img = Image.new("RGB", (1600, 1200), colour)
        ImageDraw.Draw(img).rectangle([200 + 100 * i, 300, 900, 1000], fill=(60, 60, 60))
        exif = Image.Exif()
        exif[0x0132] = (dt.datetime(2026, 11, 18, 10, 5) + dt.timedelta(minutes=i)).strftime("%Y:%m:%d %H:%M:%S")
        exif[0x010F], exif[0x0110] = "Field", "Camera"
        img.save(folder / f"IMG_00{i + 1}.jpg", "JPEG", quality=85, exif=exif)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GuideRun:
    """Runs one guide's commands in one temporary profile, remembering every output."""

    def __init__(self, tmp: Path) -> None:
        self.work = tmp / "work"
        self.work.mkdir()
        _photos(self.work / "site-photos")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ADJUSTER_")}
        self.env.update(ADJUSTER_HOME=str(tmp / "home"), QT_QPA_PLATFORM="offscreen", USER="wanglei",
                        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}", LC_ALL="C.UTF-8")
        self.history: list[tuple[str, str]] = []
        self.port: int | None = None
        self.server: subprocess.Popen[bytes] | None = None

    def close(self) -> None:
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()

    def fill(self, cmd: str, where: str) -> str:
        for name in re.findall(r"<[a-z-]+>", cmd):
            assert name in PLACEHOLDERS, f"{where}: unknown placeholder {name} in {cmd!r}"
            source, pattern, which = PLACEHOLDERS[name]
            value = None
            for earlier, output in reversed(self.history):
                if source in earlier:
                    found = re.findall(pattern, output, re.MULTILINE)
                    if found:
                        value = found[which]
                        break
            assert value, f"{where}: no earlier `{source}` output gave {name} for {cmd!r}"
            cmd = cmd.replace(name, value)
        if self.port is not None:
            cmd = cmd.replace(GUIDE_PORT, f"127.0.0.1:{self.port}")
        return cmd

    def run(self, cmd: str, where: str) -> None:
        assert cmd.startswith("adjuster "), f"{where}: guide commands use `adjuster …`: {cmd!r}"
        real = self.fill(cmd, where)
        proc = subprocess.run(["bash", "-c", real], cwd=self.work, env=self.env, capture_output=True,
                              timeout=300)
        out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 0, f"{where}: `{cmd}` exited {proc.returncode}\n{out[-3000:]}\n{err[-3000:]}"
        assert "Traceback" not in err, f"{where}: `{cmd}` printed a traceback\n{err}"
        self.history.append((cmd, out + err))

    def start_server(self, line: str, where: str) -> None:
        """The guide's `adjuster … serve` line, in the background on a free port."""
        argv = line.split("#", 1)[0].split()
        assert self.server is None, f"{where}: the guide starts a second server"
        self.port = _free_port()
        with open(self.work / "serve.log", "wb") as log:  # the child keeps its own copy of the handle
            self.server = subprocess.Popen([*argv, "--port", str(self.port)], cwd=self.work, env=self.env,
                                           stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.server.poll() is None, (self.work / "serve.log").read_text("utf-8", "replace")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"{where}: the hub did not start")


def _serve_lines(block: Block) -> list[str]:
    return [ln.strip() for ln in block.lines if re.match(r"^\s*adjuster\b.*\bserve\b", ln)]


def test_guide_commands_run_as_written(tmp_path: Path) -> None:
    """Runs the English guide; the Chinese guide's commands are the same list (pinned below)."""
    guide = GUIDES[0]
    assert guide.is_file(), guide
    run = GuideRun(tmp_path)
    count = 0
    try:
        for block in blocks(guide):
            where = f"{guide.name}:{block.line_no}"
            if block.kind == "bash":
                for line in _serve_lines(block):
                    run.start_server(line, where)
            elif block.kind == "console":
                for cmd in commands(block):
                    run.run(cmd, where)
                    count += 1
    finally:
        run.close()
    assert count >= 25, f"{guide.name}: only {count} commands — is the guide complete?"
    assert run.server is not None, f"{guide.name}: the network sync section starts no hub"
    pdfs = sorted(p.name for p in run.work.glob("*.pdf"))
    assert len(pdfs) >= 2, pdfs  # a loss report and an inspection report
    for pdf in run.work.glob("*.pdf"):
        assert pdf.read_bytes()[:5] == b"%PDF-"


def test_both_guides_list_the_same_commands_and_start_the_same_hub() -> None:
    """So running one guide's commands proves the other's."""
    en, zh = (guide_commands(g) for g in GUIDES)
    assert en == zh
    serve = [[ln for b in blocks(g) if b.kind == "bash" for ln in _serve_lines(b)] for g in GUIDES]
    assert serve[0] == serve[1] and len(serve[0]) == 1


def test_guide_shows_no_gui_or_server_in_console_blocks() -> None:
    for guide in GUIDES:
        for cmd in guide_commands(guide):
            words = cmd.split()
            assert "gui" not in words and "serve" not in words, f"{guide.name}: {cmd!r} blocks; use a bash block"


def test_every_used_command_exists() -> None:
    """Each guide command parses (`--help` after its words) — catches a renamed command early."""
    from click.testing import CliRunner

    from adjuster.cli import main

    seen: set[tuple[str, ...]] = set()
    for cmd in guide_commands(GUIDES[0]):
        words = shlex.split(cmd.split(">", 1)[0])[1:]
        path: list[str] = []
        group = main
        i = 0
        while i < len(words):
            w = words[i]
            if w.startswith("--data-dir"):
                i += 2
                continue
            sub = getattr(group, "commands", {}).get(w)
            if sub is None:
                break
            path.append(w)
            group = sub
            i += 1
        if tuple(path) in seen:
            continue
        seen.add(tuple(path))
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (cmd, result.output)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_images_exist_and_topics_are_covered(guide: Path) -> None:
    text = guide.read_text("utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) >= 10, images
    missing = [i for i in images if not (guide.parent / i).is_file()]
    assert not missing, missing
    links = [u.split("#")[0] for u in re.findall(r"(?<!!)\[[^\]]*\]\(([^)]+)\)", text)]
    broken = [u for u in links if u and "://" not in u and not (guide.parent / u).exists()]
    assert not broken, f"{guide.name}: links to missing files {broken}"
    headings = "\n".join(ln.lower() for ln in text.splitlines() if ln.startswith("#"))
    lang = 0 if guide.name.endswith(".en.md") else 1
    absent = [t[lang] for t in TOPICS if t[lang] not in headings]
    assert not absent, f"{guide.name}: no heading for {absent}"


def test_guide_screenshots_match_the_language() -> None:
    """The English guide shows the English UI and the Chinese guide the Chinese one."""
    for guide, other in ((GUIDES[0], "_zh.png"), (GUIDES[1], "_en.png")):
        shots = re.findall(r"!\[[^\]]*\]\((screenshots/[^)]+)\)", guide.read_text("utf-8"))
        assert shots and not [s for s in shots if s.endswith(other)], (guide.name, shots)


def test_shell_is_available() -> None:
    assert shutil.which("bash"), "the guide test runs commands through bash"
