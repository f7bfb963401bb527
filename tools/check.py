"""The project's checks, in one command: ``python tools/check.py`` (``make check``).

Runs, from the repository root, with ``src`` on the import path (so a fresh clone works
before ``pip install -e``):

1. ``ruff format --check src tests``  - formatting
2. ``ruff check src tests``           - lint (rules in pyproject.toml)
3. ``mypy src tests``                 - types (strictness in pyproject.toml)
4. ``lint-imports``                   - import contracts (pyproject.toml, docs/architecture.md)
5. ``python -m pytest -n auto``       - the tests, one worker per core (pytest-xdist; each
                                         file in one worker: ``--dist loadfile``), left out by
                                         ``--static``

Every step runs even when one before it failed, then a summary names what failed; the exit
status is 0 only when all passed. Standard library only; the tools come from the ``dev``
extra (``pip install -e '.[dev]'``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    """A console script from this interpreter's environment, else from PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    return [found or name]


STEPS: list[tuple[str, list[str]]] = [
    ("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "src", "tests"]),
    ("ruff check", [sys.executable, "-m", "ruff", "check", "src", "tests"]),
    ("mypy", [sys.executable, "-m", "mypy", "src", "tests"]),
    ("import contracts", [*_tool("lint-imports")]),
    ("pytest", [sys.executable, "-m", "pytest", "-n", "auto", "--dist", "loadfile"]),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the project's checks.")
    parser.add_argument("--static", action="store_true", help="all but pytest")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    results: list[tuple[str, int, float]] = []
    for name, command in STEPS:
        if args.static and name == "pytest":
            continue
        print(
            f"check: {name}: {' '.join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command))}",
            flush=True,
        )
        start = time.monotonic()
        try:
            code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        except FileNotFoundError:
            print(f"check: {name}: {command[0]} not found (pip install -e '.[dev]')")
            code = 127
        results.append((name, code, time.monotonic() - start))
    print("check: summary")
    for name, code, seconds in results:
        print(f"  {name:<17} {'ok' if code == 0 else f'FAILED ({code})':<11} {seconds:6.1f} s")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
