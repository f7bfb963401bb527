"""Smoke test of benchmarks/claims_real.py on a few rows; skipped where ../shared/data is absent."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "claims_real.py"


def test_claims_real_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("claims_real", BENCH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    if not mod.CLAIMS.is_dir():
        pytest.skip(f"no labelled data at {mod.CLAIMS}")
    assert mod.main(["--limit", "5", "--errors", "1"]) == 0
    out = capsys.readouterr().out
    assert "summary" in out and "debate check-worthy F1" in out
    assert mod.exaggeration("direct", "conditional") == "exaggerates"
