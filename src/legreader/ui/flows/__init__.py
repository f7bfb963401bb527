"""The app's flows, one module per concern, each a mixin class of
:class:`legreader.ui.app.LegreaderApp`, typed as the shared
:class:`~legreader.ui.flows.state.AppState` (at run time a plain message pump, see
:data:`~legreader.ui.flows.state.AppFlow`); cross-flow calls are declared on ``AppState`` so
the type checker sees them.

They are part of the App, not helpers handed what they need (as
:class:`~legreader.ui.annotation_controller.AnnotationController` is): every flow here pushes
dialogs, runs workers that live and die with the app, and handles the typed requests of
:mod:`legreader.ui.messages` with ``@on``, all of which Textual ties to the App itself.
A mixin per concern keeps each flow in one place a newcomer can read; domain work stays in
the domain packages. Where a flow can be handed its views (the main screen: notify,
open_dialog, run_worker) and a few callables, it is a controller in ``ui/`` that never holds
the app (annotations, copying, transfer, adding); the mixin then only makes it and delegates.

- :mod:`.state`: what every flow shares (paths, config, store session, corpus, main screen).
- :mod:`.keys`: key routing while the keyboard changes hands (the key gate).
- :mod:`.store`: opening (in a thread when large), damaged-database choice, watching, closing.
- :mod:`.reading`: the article read, its place across restarts, the status line.
- :mod:`.annotating`: annotation requests, handed to the AnnotationController.
- :mod:`.corpus`: listing the corpus, listing it again, filters, corpus search.
- :mod:`.palette`: palette verbs: skipped files, tags, export and import of annotations
  (handed to the :mod:`~legreader.ui.transfer` controller).
- :mod:`.adding`: adding the study and importing web pages (handed to the
  :mod:`~legreader.ui.adding_controller`).
- :mod:`.compare`: background compare, the compare and side-by-side views.
"""
