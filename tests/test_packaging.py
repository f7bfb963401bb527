"""Packaging: the wheel and sdist carry the licence, styles and sample corpus; the metadata
declares every third-party module the code imports, the classifiers and the extras."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "legreader"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None,
    reason="hatchling (in the test extra) builds the wheel",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def _metadata(wheel: Path) -> tuple[dict[str, list[str]], list[str]]:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(zf.read(name).decode("utf-8"))
    fields: dict[str, list[str]] = {}
    for key, value in message.items():
        fields.setdefault(key, []).append(value)
    return fields, zipfile.ZipFile(wheel).namelist()


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_wheel_has_licence_styles_and_sample_corpus(built: tuple[Path, Path]) -> None:
    fields, names = _metadata(built[0])
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert fields["License-Expression"] == ["MIT"] and fields["License-File"] == ["LICENSE"]
    shipped_styles = {Path(n).name for n in names if n.startswith("legreader/styles/")}
    assert shipped_styles == {p.name for p in (ROOT / "styles").iterdir() if p.is_file()}
    corpus = {Path(n).name for n in names if n.startswith("legreader/sample_corpus/")}
    assert corpus == {p.name for p in (ROOT / "sample_corpus").iterdir() if p.is_file()}


def test_sdist_has_the_licence_and_the_tests(built: tuple[Path, Path]) -> None:
    with tarfile.open(built[1]) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    assert {"LICENSE", "README.md", "pyproject.toml", "tests/test_packaging.py"} <= names
    assert "tests/fixtures/citeproc/expected.json" in names


def test_classifiers_and_extras(built: tuple[Path, Path]) -> None:
    fields, _ = _metadata(built[0])
    classifiers = set(fields["Classifier"])
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "Operating System :: POSIX" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # PEP 639: the expression
    requires = fields["Requires-Dist"]
    linters = [r for r in requires if r.startswith(("ruff", "mypy"))]
    assert linters and all("extra == 'dev'" in r for r in linters)  # not in `test`
    assert any(re.match(r"pytest-asyncio>=0\.2[4-9]", r) for r in requires)
    assert {"dev", "test"} <= set(fields["Provides-Extra"])


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "legreader"}


def test_every_third_party_import_is_declared(built: tuple[Path, Path]) -> None:
    fields, _ = _metadata(built[0])
    declared = {
        _canon(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0])
        for r in fields["Requires-Dist"]
        if "extra ==" not in r
    }
    owners = packages_distributions()
    missing = {}
    for module in sorted(_imported_modules()):
        dists = {_canon(d) for d in owners.get(module, [module])}
        if not dists & declared:
            missing[module] = sorted(dists)
    assert not missing, f"imported but not in [project] dependencies: {missing}"
    assert "lxml" in declared and "nameparser" in declared
