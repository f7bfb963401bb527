"""The corpus: articles found in folders and files (:mod:`.loader`), their text decoded,
cleaned and cut into blocks, their authors, ids and filters; web pages imported as
articles (:mod:`.html`, :mod:`.importing`). No Textual import.
"""
