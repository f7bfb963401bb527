"""`p`: one article beside the study it reports, claim by claim.

The article on the left, the primary record on the right, each with its claim highlights.
Moving the cursor onto a claim the comparison lined up (``]``/``[`` go claim by claim,
``enter`` shows the one under the cursor) shows, in the study's pane, the sentence(s) it was
lined up with (scrolled into view and highlighted) and the verdict: agrees with the study,
differs from it, or not in the study, with the discrepancy ("article 70 %, study: not
stated"). The alignment is the compare engine's: the app's last comparison of the corpus
when there is one, else computed in a worker (a child process, killed when the screen
closes or the app quits), with a progress line meanwhile.

The panes are article bodies without the marking-up keys: nothing here writes to the
annotation store.

One module over 500 lines because it is one screen: its panes share the cursor and the alignment
they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from legreader.corpus.blocks import parse_blocks
from legreader.corpus.loader import Article, ArticleUnavailable, Corpus
from legreader.text.clean import has_bidi_controls
from legreader.ui import messages
from legreader.ui.alignment import (
    PRIMARY,
    VERDICT_LOOK,
    AlignedClaim,
    aligned_claims,
    claims_in,
    counts,
    stops,
)
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_text import Decoration
from legreader.ui.compare_run import CompareProgress, compare_corpus
from legreader.ui.dialogs.base import SafeFullScreen
from legreader.ui.footer import FittingFooter
from legreader.ui.safe_text import plain

if TYPE_CHECKING:
    from legreader.compare import CompareResult
    from legreader.corpus.blocks import Block
    from legreader.work.progress import Progress


#: Verdict -> (words after one, after several), for the status line's counts.
SUMMARY_WORDS = {
    "agrees": ("agrees", "agree"),
    "differs": ("differs", "differ"),
    "not_in_study": ("not in the study", "not in the study"),
    "no_reference": ("without a reference", "without a reference"),
}

#: What a claim group is, in the verdict box ("claim" groups say it in their label).
KIND_WORDS = {"quantity": "figure", "quote": "quote", "causal": "finding", "claim": ""}


@dataclass(frozen=True)
class StartAt:
    """Where the article pane starts: the passage chosen in the compare grid (a claim), or
    the reader's selection (a passage)."""

    start: int
    end: int
    claim: bool = True
    """A compared claim (``]`` stands on it), else a passage (the cursor covers it)."""


class SidePane(ArticleBody, inherit_bindings=False):
    """An article body for reading beside another: moving, scrolling and highlighting keys
    only (same binding ids as the reader's body, so a remapped key works here too)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next_sentence", "Next sentence", show=False, id="body.next_sentence"),
        Binding(
            "k,up", "previous_sentence", "Prev sentence", show=False, id="body.previous_sentence"
        ),
        Binding(
            "right_curly_bracket",
            "next_paragraph",
            "Next para",
            show=False,
            id="body.next_paragraph",
        ),
        Binding(
            "left_curly_bracket",
            "previous_paragraph",
            "Prev para",
            show=False,
            id="body.previous_paragraph",
        ),
        Binding("g,home", "top", "Top", show=False, id="body.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="body.bottom"),
        Binding("pageup", "page_up", "Page up", show=False, id="body.page_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="body.page_down"),
        Binding("h", "toggle_highlights", "Highlights", show=False, id="body.toggle_highlights"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = ArticleBody.COMPONENT_CLASSES | {"side--aligned"}

    aligned: tuple[tuple[int, int], ...] = ()
    """Passages lined up with what the cursor is on in the other pane (highlighted)."""

    def decorations_for(self, block: Block) -> list[Decoration]:
        out = super().decorations_for(block)
        style = self._styles.get("side--aligned") or Style(reverse=True)
        for start, end in self.aligned:
            if start < block.end and end > block.start:
                out.append((start, end, style))
        return out

    def show_aligned(self, spans: tuple[tuple[int, int], ...]) -> None:
        """Highlight these passages (offsets into the text shown) and scroll the first into
        the middle of the view."""
        old, self.aligned = self.aligned, tuple(s for s in spans if s[1] <= len(self.body))
        for start, end in old + self.aligned:
            self._invalidate_range(start, end)
        if self.aligned:
            start, end = self.aligned[0]
            self._reveal(start, end, start, center=True)

    def show_text(self, article: Article, body: str) -> None:
        """Show ``body`` as ``article``'s text (the primary record as the engine compared it:
        its body, and the design and findings of its front matter when the body lacks them)."""
        self.article = article
        self._load_token += 1
        self._show_loaded(
            article, body, parse_blocks(body), self._load_token, has_bidi_controls(body)
        )

    def _name_border(self) -> None:
        article = self.loaded_article or self.article
        if article is None:
            return
        kind = "Study" if article.is_primary else "Article"
        title = " ".join(article.title.split())
        self.border_title = plain(f"{kind}: {title[:70] + ('…' if len(title) > 70 else '')}")

    def _show_loaded(
        self, article: Article, body: str, blocks: list[Block], token: int, bidi: bool = False
    ) -> None:
        super()._show_loaded(article, body, blocks, token, bidi)
        self._name_border()

    # What a body tells the reader's app (status line, annotations to place, selection) is
    # not these panes' business: it stops here.

    def on_article_body_status(self, event: ArticleBody.Status) -> None:
        event.stop()

    def on_article_body_loaded(self, event: ArticleBody.Loaded) -> None:
        event.stop()

    def on_article_body_analysed(self, event: ArticleBody.Analysed) -> None:
        event.stop()
        screen = self.screen
        if isinstance(self, ArticlePane) and isinstance(screen, SideBySideScreen):
            screen.article_analysed()

    def on_article_body_selection_changed(self, event: ArticleBody.SelectionChanged) -> None:
        event.stop()


class ArticlePane(SidePane):
    """The article: ``]``/``[`` go from one compared claim to the next, ``enter`` shows how the
    one under the cursor compares with the study."""

    COMPONENT_CLASSES: ClassVar[set[str]] = SidePane.COMPONENT_CLASSES | {"side--current"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show_alignment", "In the study", id="side.show_alignment"),
        Binding("right_square_bracket", "next_claim", "Next claim", id="side.next_claim"),
        Binding(
            "left_square_bracket",
            "previous_claim",
            "Prev claim",
            show=False,
            id="side.previous_claim",
        ),
    ]

    current: AlignedClaim | None = None
    """The compared claim ``]``/``[`` reached (drawn underlined), while the cursor is on it."""

    def decorations_for(self, block: Block) -> list[Decoration]:
        out = super().decorations_for(block)
        claim = self.current
        if claim is not None and claim.start < block.end and claim.end > block.start:
            # Cut out of the selected (reversed) sentence, so it shows whatever the colours.
            style = Style(reverse=False) + (self._styles.get("side--current") or Style())
            out.append((claim.start, claim.end, style))
        return out

    def on_article_body_selection_changed(self, event: ArticleBody.SelectionChanged) -> None:
        event.stop()
        current = self.current
        if current is not None and (
            event.start is None
            or event.end is None
            or not (event.start < current.end and current.start < event.end)
        ):
            self.set_current(None)  # moved off the claim ] reached
        screen = self.screen
        if isinstance(screen, SideBySideScreen):
            screen.show_alignment()

    def set_current(self, claim: AlignedClaim | None) -> None:
        old, self.current = self.current, claim
        for passage in (old, claim):
            if passage is not None:
                self._invalidate_range(passage.start, passage.end)

    def action_show_alignment(self) -> None:
        screen = self.screen
        if isinstance(screen, SideBySideScreen):
            screen.show_alignment(explicit=True)

    def action_next_claim(self) -> None:
        screen = self.screen
        if isinstance(screen, SideBySideScreen):
            screen.step_claim(+1)

    def action_previous_claim(self) -> None:
        screen = self.screen
        if isinstance(screen, SideBySideScreen):
            screen.step_claim(-1)


class PrimaryPane(SidePane):
    """The study: the sentences the current claim was lined up with are highlighted; moving
    its own cursor (``tab`` to it, then ``j``/``k``) shows the article's claims lined up with
    the sentence under it."""

    def on_article_body_selection_changed(self, event: ArticleBody.SelectionChanged) -> None:
        event.stop()
        screen = self.screen
        if isinstance(screen, SideBySideScreen):
            screen.show_study_passage()


class SideBySideScreen(SafeFullScreen[None]):
    """The article beside the primary record, with the comparison's verdict on each claim."""

    QUIT_KEY_QUITS = True
    """No text box and no `q` of its own: `q` typed while the screen opens quits at once."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"compare--{v}" for v in VERDICT_LOOK),
        "message--error",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="side.close"),
    ]

    def __init__(
        self,
        corpus: Corpus,
        article: Article,
        *,
        result: CompareResult | None = None,
        start_at: StartAt | None = None,
        animal_study: bool = False,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.article = article
        self.primary = corpus.primary
        self.result: CompareResult | None = None
        self.claims: list[AlignedClaim] = []
        self._stops: list[int] = []
        self._given = result
        self._start_at = start_at
        self._animal_study = animal_study
        self.shown: list[AlignedClaim] = []
        """The claims the verdict box shows now."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="side-panes"):
            yield ArticlePane(id="side-article")
            with Vertical(id="side-right"):
                yield Static(Text(""), id="side-verdict")
                yield PrimaryPane(id="side-primary")
        yield CompareProgress(id="side-progress")
        yield Static(Text(""), id="side-status")
        yield FittingFooter()  # fits the width, `? Help` always shown

    @property
    def article_pane(self) -> ArticlePane:
        return self.query_one(ArticlePane)

    @property
    def primary_pane(self) -> PrimaryPane:
        return self.query_one(PrimaryPane)

    def on_mount(self) -> None:
        pane = self.article_pane
        pane.show_article(self.article, animal_study=self._animal_study)
        if self.primary is not None:
            self.primary_pane.show_article(self.primary)
        pane.focus()
        self.query_one("#side-verdict").border_title = "The claim and the study"
        self._say_verdict(
            [
                Text(
                    "Move to a claim (] next, [ previous, j/k by sentence): its match in the study shows here.",
                    style="dim",
                )
            ]
        )
        if self._given is not None:
            self.query_one(CompareProgress).finish()
            self._result_ready(self._given)
        else:
            self._status(
                Text("The verdicts come once the comparison is done; read meanwhile.", style="dim")
            )
            self._compare()

    # ------------------------------------------------------------ comparison

    @work(exclusive=True, group="side-compare", exit_on_error=False)
    async def _compare(self) -> CompareResult:
        """The corpus's comparison in a child process (killed when the screen closes or the
        app quits), its progress on the progress line."""
        return await compare_corpus(self.corpus, self._progress)

    def _progress(self, report: Progress) -> None:
        if self.is_attached:
            self.query_one(CompareProgress).show_progress(report)

    @on(Worker.StateChanged)
    def _worker(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "side-compare":
            return
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.query_one(CompareProgress).finish()
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            result = event.worker.result
            self.post_message(messages.CompareFinished(result, self.corpus))
            self._result_ready(result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = str(error) if isinstance(error, ArticleUnavailable) else repr(error)
            self._status(
                plain(f"The comparison failed: {reason}", style=self._component("message--error"))
            )

    def _result_ready(self, result: CompareResult) -> None:
        self.result = result
        primary_text = result.bodies.get(PRIMARY)
        pane = self.primary_pane
        if self.primary is not None and primary_text and primary_text != pane.body:
            # The design and findings of the front matter were compared too: shown with it.
            pane.show_text(self.primary, primary_text)
        self.claims = aligned_claims(result, self.article.id)
        self._stops = stops(self.claims)
        self._summary()
        self._start()

    def _start(self) -> None:
        """Put the cursor where the screen was asked to start, once the comparison is there
        and the article's sentences are known (the cursor moves by them)."""
        start_at = self._start_at
        pane = self.article_pane
        if start_at is None or self.result is None or not pane.claims_ready:
            if start_at is None and self.result is not None:
                study = self.primary_pane
                if study.has_focus and study.selection is not None:
                    self.show_study_passage()
                elif pane.selection is not None:
                    self.show_alignment()
            return
        self._start_at = None
        if start_at.claim:
            self._go_to(start_at.start, start_at.end)
        else:
            pane.select_range(start_at.start, start_at.end, center=True)
            self.show_alignment()

    @property
    def stop_count(self) -> int:
        """How many claims ``[`` and ``]`` step through (the compared claims)."""
        return len(self._stops)

    def article_analysed(self) -> None:
        """The article pane's sentences and claims are known."""
        self._start()

    def _summary(self) -> None:
        found = counts(self.claims)
        line = Text()
        if not self.claims:
            line.append(
                "The comparison lined up no claim of this article with the study or the other articles.",
                style="dim",
            )
            self._status(line)
            return
        total = len(self._stops)
        line.append(f"{total} claim{'s' if total != 1 else ''} compared: ", style="bold")
        first = True
        for verdict, (mark, _) in VERDICT_LOOK.items():
            number = found.get(verdict, 0)
            if not number:
                continue
            if not first:
                line.append(" · ", style="dim")
            first = False
            words = SUMMARY_WORDS[verdict][number != 1]
            line.append(f"{mark} {number} {words}", style=self._look(verdict))
        line.append("  (] next, [ previous)", style="dim")
        self._status(line)

    # ------------------------------------------------------------- moving

    def step_claim(self, step: int) -> None:
        """``]``/``[``: the next (previous) compared claim after (before) the cursor."""
        pane = self.article_pane
        if self.result is None:
            self.notify("The comparison is still running: claims are not lined up yet.", timeout=2)
            return
        if not self._stops:
            self.notify("No compared claims in this article.", timeout=2)
            return
        if pane.current is not None:
            here = pane.current.start
        elif pane.selection is not None:
            # ] from a sentence: its first compared claim (or the next); [ the one before it
            here = pane.selection[0] - (1 if step > 0 else 0)
        else:
            here = -1 if step > 0 else len(pane.body) + 1
        starts = [self.claims[i].start for i in self._stops]
        if step > 0:
            index = next((i for i, s in enumerate(starts) if s > here), None)
        else:
            index = next((i for i in range(len(starts) - 1, -1, -1) if starts[i] < here), None)
        if index is None:
            self.notify("No more compared claims that way.", timeout=2)
            return
        claim = self.claims[self._stops[index]]
        self._go_to(claim.start, claim.end)

    def _go_to(self, start: int, end: int) -> None:
        """Put the cursor on the passage ``[start, end)`` (a compared claim) and show it."""
        pane = self.article_pane
        here = claims_in(self.claims, start, end)
        exact = [c for c in here if c.start == start] or here
        pane.set_current(exact[0] if exact else None)
        pane.select_range(start, end, center=True)
        self.show_alignment()

    # ------------------------------------------------------------ showing

    def show_study_passage(self) -> None:
        """The other way round: the article's claims lined up with the study's sentence
        under the study pane's cursor, highlighted in the article and judged in the box."""
        study = self.primary_pane
        selection = study.selection
        if selection is None:
            return
        if self.result is None:
            self._say_verdict(
                [
                    Text(
                        "Comparing… the claims are lined up once the comparison is done.",
                        style="dim",
                    )
                ]
            )
            return
        start, end = selection
        hits = [c for c in self.claims if any(a < end and b > start for a, b in c.primary_spans)]
        self.article_pane.show_aligned(tuple(dict.fromkeys((c.start, c.end) for c in hits)))
        study.show_aligned(())
        self.shown = hits
        if not hits:
            self._say_verdict(
                [
                    Text(
                        "No claim of this article was lined up with this part of the study.",
                        style="dim",
                    )
                ]
            )
            return
        count = len({c.start for c in hits})
        head = Text(
            f"{count} claim{'s' if count != 1 else ''} of the article lined up with this part "
            "of the study (highlighted on the left):",
            style="dim",
        )
        self._say_verdict([head, *self._verdict_lines(hits, False)])

    def show_alignment(self, *, explicit: bool = False) -> None:
        """Show the compared claims under the article's cursor beside the study."""
        pane = self.article_pane
        if pane.aligned:
            pane.show_aligned(())  # (what the study's cursor was on)
        if self.primary is None:
            self._say_verdict(
                [
                    Text(
                        "This corpus has no primary record (a file with kind: primary): there is no study to read beside.",
                        style="bold",
                    )
                ]
            )
            return
        if self.result is None:
            if explicit:
                self._say_verdict(
                    [
                        Text(
                            "Comparing… the claims are lined up once the comparison is done.",
                            style="dim",
                        )
                    ]
                )
            return
        if pane.current is not None:
            here = [c for c in claims_in(self.claims, pane.current.start, pane.current.end)
                    if c.start == pane.current.start]  # fmt: skip
        elif pane.selection is not None:
            here = claims_in(self.claims, *pane.selection)
        else:
            here = []
        if not here and explicit and pane.selection is None:
            self.step_claim(+1)  # enter with no cursor: the first compared claim
            return
        self.shown = here
        if not here:
            self.primary_pane.show_aligned(())
            words = (
                "No compared claim here: ] goes to the next one."
                if pane.selection is not None
                else "Move to a claim (] next, [ previous): its match in the study shows here."
            )
            self._say_verdict([Text(words, style="dim")])
            return
        spans: list[tuple[int, int]] = []
        for claim in here:
            for span in claim.primary_spans:
                if span not in spans:
                    spans.append(span)
        self.primary_pane.show_aligned(tuple(spans))
        self._say_verdict(self._verdict_lines(here, bool(spans)))

    def _verdict_lines(self, here: list[AlignedClaim], aligned: bool) -> list[Text]:
        lines: list[Text] = []
        for claim in here[:3]:
            mark, words = VERDICT_LOOK[claim.verdict]
            head = Text()
            head.append(f"{mark} {words}", style=self._look(claim.verdict) + Style(bold=True))
            kind = KIND_WORDS.get(claim.group.kind, claim.group.kind)
            head.append_text(plain(f" · {kind + ': ' if kind else ''}{claim.what}", style="bold"))
            lines.append(head)
            lines.append(plain(claim.discrepancy()))
            others = claim.others(self.article.id)
            if others:
                lines.append(plain(others, style="dim"))
        if len(here) > 3:
            lines.append(Text(f"… and {len(here) - 3} more claims on this passage", style="dim"))
        if aligned:
            lines.append(Text("the study's sentence is highlighted below", style="dim italic"))
        elif all(c.verdict == "not_in_study" for c in here):
            lines.append(Text("the study states nothing comparable", style="dim italic"))
        return lines

    verdict_plain = ""
    """What the verdict box says, as plain text."""

    def _say_verdict(self, lines: list[Text]) -> None:
        self.verdict_plain = "\n".join(line.plain for line in lines)
        self.query_one("#side-verdict", Static).update(Group(*lines))

    def _status(self, text: Text) -> None:
        self.query_one("#side-status", Static).update(text)

    def _look(self, verdict: str) -> Style:
        return self._component(f"compare--{verdict}")

    def _component(self, name: str) -> Style:
        """A component class's look from the stylesheet (none before it is applied)."""
        try:
            return self.get_component_rich_style(name, partial=True)
        except KeyError:  # the stylesheet is not applied yet
            return Style()

    def action_close(self) -> None:
        self.dismiss(None)
