"""Frozen entry point: the ``adjuster`` command (``adjuster`` alone starts the desktop app).

In a PyInstaller bundle ``sys.executable`` is this program, not a Python interpreter, so code that
runs ``[sys.executable, "-c", CODE]`` in a child process (``adjuster doctor`` checks Qt that way, in
isolation, so a crashing platform plugin cannot take the command down) would reach click and fail.
``adjuster -c CODE`` therefore runs CODE like ``python -c`` does.
"""

import multiprocessing
import sys


def _run_code(code: str) -> None:
    """Like ``python -c``: an uncaught exception prints its traceback last and exits 1 (not the
    bootloader's generic "Failed to execute script" line, which would hide the reason)."""
    import traceback

    sys.argv = ["-c", *sys.argv[3:]]
    try:
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102 - python -c semantics
    except SystemExit:
        raise
    except BaseException:  # noqa: BLE001 - reported like the interpreter does
        traceback.print_exc()
        sys.exit(1)


def main() -> None:
    multiprocessing.freeze_support()
    if len(sys.argv) >= 3 and sys.argv[1] == "-c":
        _run_code(sys.argv[2])
        return
    if len(sys.argv) == 1:
        sys.argv.append("gui")
    from adjuster.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
