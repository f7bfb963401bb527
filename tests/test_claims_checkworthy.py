"""Check-worthy sentences (issue 11): a checkable factual statement, with or without a number,
against opinion, plans, questions and chatter. Every sentence is written for the test; the error
classes are listed in docs/claims-error-classes.md."""

from __future__ import annotations

import json

import pytest

from legreader.claims import analyze
from legreader.claims.checkworthy import (
    THRESHOLD,
    WEIGHTS,
    checkworthy,
    checkworthy_sentences,
    signals,
)
from legreader.claims.report import render_claims


def _worthy(sentence: str) -> bool:
    return checkworthy(sentence, analyze(sentence)).checkworthy


# --- checkable facts without a statistic, a cause, a study or a source -------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # past events and actions of named people and institutions
        "The county council closed the Elm Street library in the spring of 2011.",
        "Governor Alvarez vetoed the school funding bill twice.",
        "I voted against the bridge tolls in 2009 when I sat on the board.",
        "The senate passed the water bill last year.",
        "Parliament has repealed the dog licence law.",
        # records, rankings and trends
        "Our harbour handles more freight than any other port in the region.",
        "Ferry fares are at an all-time high.",
        "Last winter was the coldest in the history of the town.",
        "Bicycle thefts are down in the old town since the cameras went up.",
        # numbers in words and digits
        "Forty thousand households lost power during the storm.",
        "The mayor spent $2 million on the new stadium roof.",
    ],
)
def test_checkable_facts_are_checkworthy(sentence: str) -> None:
    assert _worthy(sentence)


# --- opinion, plans, questions, chatter -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "I think we need a better plan for our parks.",  # opinion + obligation
        "We will build a brighter future together.",  # promise
        "We must do more for the people of this valley.",  # call to act
        "What would you do about the traffic?",  # question
        "Thank you very much.",  # chatter
        "Let me finish my answer.",  # chatter
        "That is a terrible idea.",  # evaluation
        "I'm going to fight for every family in this state.",  # plan
        "Maybe the river could flood again someday.",  # hedge + modal
    ],
)
def test_opinions_and_chatter_are_not(sentence: str) -> None:
    assert not _worthy(sentence)


# --- the statistic/causal/study/attribution union no longer decides alone -----------------------


def test_a_causal_opinion_is_not_checkworthy() -> None:
    """A causal verb in an opinion ("would protect") used to make the sentence check-worthy."""
    sentence = "I believe my plan would protect our farms and lower your bills."
    assert any(sp.category == "causal" for sp in analyze(sentence))
    assert not _worthy(sentence)


def test_a_statistic_keeps_a_fact_checkworthy() -> None:
    assert _worthy("Unemployment in the county fell to 4.1 percent in March.")


# --- signals and reasons ----------------------------------------------------------------------


def test_signals_name_their_words() -> None:
    found = signals("The senate passed the bill in 1994, I think.")
    assert found["past event"] == "passed"
    assert found["year"] == "1994"
    assert found["opinion"] == "I think"
    assert found["institution"].lower() == "senate"


def test_perfect_excludes_have_got_to() -> None:
    """ "have got to" is an obligation, not the present perfect of an event."""
    assert "perfect" not in signals("We have got to fix the roads.")
    assert "perfect" in signals("They have cut the bus routes.")


def test_verdict_reasons_and_score() -> None:
    v = checkworthy("The council closed two libraries last year.", start=10)
    assert (v.start, v.end) == (10, 10 + len("The council closed two libraries last year."))
    assert v.checkworthy and v.score >= THRESHOLD
    assert v.score == sum(int(r.split()[0]) for r in v.reasons)
    assert any("past event 'closed'" in r for r in v.reasons)


def test_every_signal_has_a_weight() -> None:
    found = signals(
        "If you think the senate will vote, we must ask: did they not cut 3 dozen jobs in "
        "1999, the worst record since the war, when there were more layoffs than ever?"
    )
    unweighted = {"name", "we"}  # inputs of other signals only
    assert set(found) - unweighted <= set(WEIGHTS)


def test_sentences_of_a_text() -> None:
    text = "Thank you all for coming. The city sold the old depot in 2009. Isn't that odd?"
    verdicts = checkworthy_sentences(text)
    assert [v.checkworthy for v in verdicts] == [False, True, False]
    assert text[verdicts[1].start : verdicts[1].end] == "The city sold the old depot in 2009."


def test_claims_output_lists_checkworthy_sentences() -> None:
    body = "Thank you. The city sold the old depot in 2009."
    data = json.loads(render_claims([("a1", "T", "p", body)], "json"))
    worthy = data["articles"][0]["checkworthy"]
    assert [(w["start"], w["end"]) for w in worthy] == [(11, len(body))]
    assert worthy[0]["reasons"] and worthy[0]["score"] >= THRESHOLD
    assert "check-worthy" in render_claims([("a1", "T", "p", body)], "text")


def test_names_and_time_words_are_no_evaluation() -> None:
    """ "Great Britain" is a name and "right now" a time, not a judgement."""
    assert "evaluation" not in signals("Exports to Great Britain doubled in 2004.")
    assert "evaluation" not in signals("Right now the county has nine fire stations.")
    assert signals("That was a great speech.")["evaluation"] == "great"
