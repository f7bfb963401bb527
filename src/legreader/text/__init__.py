"""Text every layer shares: untrusted text made safe for a terminal (:mod:`.clean`) and
word diffs (:mod:`.diff`). No Textual import.
"""
