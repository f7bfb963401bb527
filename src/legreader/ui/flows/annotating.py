"""The annotation requests of :mod:`legreader.ui.messages`, handed to the
:class:`~legreader.ui.annotation_controller.AnnotationController` (and the quote copier).

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on

from legreader.ui import messages
from legreader.ui.flows.state import AppFlow


class AnnotationRequests(AppFlow):
    """``@on`` handlers for what a key asks of the annotations."""

    def _annotation_request(
        self, event: messages.AnnotationRequest, handler: Callable[[], None]
    ) -> None:
        """Run what an annotation key asked for; a key from the body that changes the store
        opens it first (or waits for it, while a large one opens)."""
        try:
            if event.from_body and event.needs_store and self.store is None:
                self.ensure_store()
                if self.store_loading:
                    self.defer_until_store(handler)
                    return
            handler()
        finally:
            # The body held the keys typed after its request; unless a dialog is now on its
            # way (it releases them when ready), they go on to the text.
            if event.from_body and self.key_gate.waiting_for is None:
                self.release_keys_soon()

    @on(messages.SetVerdict)
    def _set_verdict(self, event: messages.SetVerdict) -> None:
        self._annotation_request(event, lambda: self.annotating.verdict(event.verdict))

    @on(messages.EditTags)
    def _edit_tags(self, event: messages.EditTags) -> None:
        self._annotation_request(event, lambda: self.annotating.edit_tags())

    @on(messages.EditNote)
    def _edit_note(self, event: messages.EditNote) -> None:
        self._annotation_request(event, lambda: self.annotating.edit_note())

    @on(messages.EditArticleNote)
    def _edit_article_note(self, event: messages.EditArticleNote) -> None:
        self._annotation_request(event, lambda: self.annotating.edit_article_note())

    @on(messages.DeleteAnnotation)
    def _delete_annotation(self, event: messages.DeleteAnnotation) -> None:
        self._annotation_request(event, lambda: self.annotating.delete(event.annotation_id))

    @on(messages.UndoChange)
    def _undo_change(self, event: messages.UndoChange) -> None:
        self._annotation_request(event, lambda: self.annotating.undo())

    @on(messages.CopyQuote)
    def _copy_quote(self, event: messages.CopyQuote) -> None:
        self._annotation_request(event, lambda: self.copy_quote(styled=event.styled))

    @on(messages.JumpToAnnotation)
    def _jump_to_annotation(self, event: messages.JumpToAnnotation) -> None:
        self._annotation_request(event, lambda: self.annotating.jump(event.annotation_id))

    @on(messages.ReattachAnnotation)
    def _reattach_annotation(self, event: messages.ReattachAnnotation) -> None:
        self._annotation_request(event, lambda: self.annotating.reattach(event.annotation_id))

    @on(messages.AcceptNewText)
    def _accept_new_text(self, event: messages.AcceptNewText) -> None:
        self._annotation_request(event, lambda: self.annotating.accept_change(event.annotation_id))

    @on(messages.KeepOrphaned)
    def _keep_orphaned(self, event: messages.KeepOrphaned) -> None:
        self._annotation_request(event, lambda: self.annotating.keep_orphaned(event.annotation_id))

    def copy_quote(self, *, styled: bool) -> None:
        from legreader.ui.copying import CopySettings, QuoteCopier  # (loads the citations)

        config = self.config
        # `Y`'s last choice, else the config file's style.
        style, with_study = self.copy_choice or (config.copy_style, config.copy_with_study)
        settings = CopySettings(
            primary=self.corpus.primary if self.corpus else None,
            default_style=style,
            with_study=with_study,
            remember=self.remember_copy_choice,
            call_from_thread=self.call_from_thread,
            copy_to_terminal=self.copy_to_clipboard,
        )
        QuoteCopier(self.main, settings).copy(styled=styled)

    @property
    def copy_choice(self) -> tuple[str, bool] | None:
        """The style (and study line) chosen with `Y` (this session or the last), unless the
        config file's copy style was changed since."""
        session = self.session
        if session.copy_style and session.config_style == self.config.copy_style:
            return session.copy_style, bool(session.copy_with_study)
        return None

    def remember_copy_choice(self, style: str, with_study: bool) -> None:
        """`Y`'s choice becomes `y`'s default (kept across restarts)."""
        session = self.session
        session.copy_style, session.copy_with_study = style, with_study
        session.config_style = self.config.copy_style
