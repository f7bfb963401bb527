"""Slow work: cooperative cancellation (:mod:`.cancel`), progress reports
(:mod:`.progress`), giving way to key presses (:mod:`.pacing`) and running one function
in a child process (:mod:`.offload`). No Textual import.
"""
