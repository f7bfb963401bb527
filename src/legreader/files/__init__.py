"""The file system: atomic writes (:mod:`.atomic`), where user data lives (:mod:`.paths`)
and the files that ship with legreader (:mod:`.resources`). No Textual import.
"""
