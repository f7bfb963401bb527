"""Domain rules that used to live in the UI: who a study was on, whether an article names its
study (plain functions, no app)."""

from __future__ import annotations

import re

from legreader.cite import article_cites_primary
from legreader.claims import cues
from legreader.claims.subjects import (
    NONHUMAN_SUBJECTS_PATTERN,
    names_nonhuman_subjects,
    study_is_on_animals,
)


def test_the_engine_and_the_study_check_share_one_vocabulary() -> None:
    assert cues.ANIMAL_RE.pattern == NONHUMAN_SUBJECTS_PATTERN
    assert cues.ANIMAL_RE.flags & re.IGNORECASE


def test_study_type_decides_when_it_is_a_known_one() -> None:
    assert study_is_on_animals({"study_type": "Animal", "subjects": "humans"})
    assert study_is_on_animals({"study_type": "in vitro"})
    assert not study_is_on_animals({"study_type": "clinical", "subjects": "mice"})


def test_subjects_are_read_with_the_engines_words() -> None:
    assert study_is_on_animals({"subjects": "mice"})
    assert study_is_on_animals({"subjects": "Rats; Sprague-Dawley"})
    assert study_is_on_animals({"subjects": "human cell cultures"})
    assert not study_is_on_animals({"subjects": "adults aged 40–65"})
    assert not study_is_on_animals({"subjects": "miceless humans"})  # whole words only
    assert not study_is_on_animals({})
    assert not study_is_on_animals(None)
    assert names_nonhuman_subjects("in vitro") and not names_nonhuman_subjects("invitro")


def test_article_cites_primary_by_doi_title_or_journal_blind_to_case_and_spacing() -> None:
    meta = {"doi": "10.1000/xyz123", "title": "Coffee and Sleep in Adults", "journal": "Nature"}
    assert article_cites_primary("See doi 10.1000/XYZ123 for more.", meta)
    assert article_cites_primary("the paper, coffee  and\nsleep in adults, says", meta)
    assert not article_cites_primary("Published in Nature.", meta)  # six letters: ignored
    assert not article_cites_primary("Nothing about it.", meta)
    assert not article_cites_primary("anything", None)
    assert not article_cites_primary("anything", {"title": 42})
