"""The command line: the parser and its sub-commands (``claims``, ``compare``, ``export``,
``import``, ``import-annotations``, ``study``). It calls the domain's APIs; nothing in
the domain or the interface imports it: :mod:`.program` parses and dispatches,
one module a sub-command; failures are one line (:mod:`.errors`).
"""
