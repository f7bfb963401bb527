"""The plain launch forms are read without argparse (start-up time); whatever that reading
accepts, argparse reads the same way, and everything else is left to argparse."""

from __future__ import annotations

import pytest

from legreader.cli.program import _main_parser, _plain_launch

CASES = [
    [],
    ["a"],
    ["a", "b"],
    ["--db", "x"],
    ["a", "--db", "x"],
    ["--db", "x", "a", "b"],
    ["a", "--db", "x", "b"],
    ["--db"],
    ["--db", "-x"],
    ["--db=x"],
    ["-"],
    ["--d", "x"],
    ["--db", "x", "--db", "y"],
    ["", "--db", ""],
    ["--version"],
    ["-h"],
    ["a b", "--db", "c d"],
    ["--", "a"],
    ["a", "--db", "--db"],
    ["-1"],
]


@pytest.mark.parametrize("args", CASES)
def test_plain_launch_reads_as_argparse_or_leaves_it_to_argparse(args: list[str]) -> None:
    fast = _plain_launch(args)
    if fast is None:
        return
    parsed = _main_parser().parse_args(args)
    assert fast == (parsed.paths, parsed.db)


def test_the_usual_launches_are_plain() -> None:
    assert _plain_launch([]) == ([], None)
    assert _plain_launch(["corpus/", "--db", "my.json"]) == (["corpus/"], "my.json")
    assert _plain_launch(["--db", "my.json", "a.md", "b.md"]) == (["a.md", "b.md"], "my.json")
