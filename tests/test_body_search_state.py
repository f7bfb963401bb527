"""The in-article search's state, as a plain class (no Pilot, no app)."""

from __future__ import annotations

from legreader.ui.body.search_state import SearchState


def test_start_go_wraps_and_end() -> None:
    search = SearchState()
    assert search.status() == ""
    old = search.start([(0, 3), (10, 13), (20, 23)])
    assert old == [] and search.active and search.current == -1
    assert search.status() == "search: 3 matches (n/N, esc ends)"
    assert search.go(search.first_from(11)) == (-1, 2)
    assert search.status() == "search: 3/3 matches (n/N, esc ends)"
    assert search.go(search.current + 1) == (2, 0)  # past the last: the first
    assert search.go(search.current - 1) == (0, 2)  # before the first: the last
    assert search.span(2) == (20, 23) and search.span(-1) is None and search.span(3) is None
    assert search.end() == [(0, 3), (10, 13), (20, 23)]
    assert not search.active and search.matches == [] and search.current == -1
    assert search.go(0) is None


def test_first_from_wraps_to_the_first_match() -> None:
    search = SearchState()
    search.start([(5, 6), (9, 10)])
    assert search.first_from(0) == 0
    assert search.first_from(6) == 1
    assert search.first_from(50) == 0


def test_no_matches_status_and_one_match_is_singular() -> None:
    search = SearchState()
    search.start([])
    assert search.status() == "search: 0 matches (n/N, esc ends)"
    search.start([(1, 2)])
    search.go(0)
    assert search.status() == "search: 1/1 match (n/N, esc ends)"


def test_within_gives_overlapping_matches_and_marks_the_current() -> None:
    search = SearchState()
    search.start([(0, 5), (8, 12), (15, 30), (40, 41)])
    search.go(2)
    assert list(search.within(10, 20)) == [(8, 12, False), (15, 30, True)]
    assert list(search.within(12, 15)) == []
    assert list(search.within(35, 100)) == [(40, 41, False)]


def test_clear_keeps_the_mode() -> None:
    search = SearchState()
    search.start([(0, 1)])
    search.clear()
    assert search.active and search.matches == [] and search.current == -1
