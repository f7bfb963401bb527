"""Finding articles: the full-text index and find-in-article (:mod:`.index`), the
corpus-wide index the app builds in the background (:mod:`.corpus_index`), and what
the sidebar shows and filters on (:mod:`.facts`). No Textual import.
"""
