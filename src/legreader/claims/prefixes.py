"""Literal starts of a cue alternative, for the single-pass scanner's gate
(:data:`legreader.claims.cues.SCAN_GATE_RES`): the longer and more varied the starts, the fewer
word starts of a text reach the per-cue matches. Pattern source in, strings out; no regex
compiled."""

from __future__ import annotations

__all__ = ["literal_prefixes"]

_MAX_PREFIXES = 48
_MAX_PREFIX_LEN = 10
"""Starts are cut to this many characters (or to the plain literal start, when longer): longer
ones cost the gate more than they save (measured)."""


def literal_prefixes(alt: str, first: str) -> tuple[str, ...]:
    """The literal starts of every match of ``alt``, read through optional and alternative
    groups and letter classes: ``is\\s+(?:still\\s+)?(?:needed|required)`` gives "is still
    needed", "is still required", "is needed", "is required" where the plain literal start
    (``first``) is "is ", so the scanner's gate stops at fewer word starts. The expansion stops
    before a step that would give over :data:`_MAX_PREFIXES` starts, and each start is cut to
    :data:`_MAX_PREFIX_LEN`; it falls back on ``first`` where it cannot read the pattern."""
    try:
        found = _seq_prefixes("".join(alt.split()))
    except ValueError:
        return (first,)
    cut = max(len(first), _MAX_PREFIX_LEN)
    out = tuple(dict.fromkeys(p[:cut] for p, _ in found))
    if not out or not all(p and not p.startswith(" ") and p.startswith(first) for p in out):
        return (first,)
    return out


def _seq_prefixes(src: str) -> list[tuple[str, bool]]:
    """(prefix, whole) for the literal starts of ``src``; ``whole``: the prefix spells all of
    ``src`` (the caller may go on after it). Raises ValueError on an unclosed group."""
    states = [""]
    done: list[tuple[str, bool]] = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "(":
            close = _group_end(src, i)
            if src.startswith("(?:", i):
                inner = src[i + 3 : close]
            elif src[i + 1 : i + 2] != "?":
                inner = src[i + 1 : close]
            else:
                break  # a look-around or flags: stop
            q = src[close + 1 : close + 2]
            if q in ("*", "{"):
                break
            options = [o for branch in _split_top(inner) for o in _seq_prefixes(branch)]
            if q == "?":
                options.append(("", True))
            grown: list[str] = []
            ended: list[tuple[str, bool]] = []
            for state in states:
                for text, whole in options:
                    joined = _join(state, text)
                    if whole and q != "+":
                        grown.append(joined)
                    else:
                        ended.append((joined, False))
            if len(grown) + len(ended) + len(done) > _MAX_PREFIXES:
                break  # enough: stop before the group
            states = grown
            done += ended
            i = close + 1 + (q in ("?", "+"))
            if not states:
                return done
            continue
        if c == "[":
            close = src.index("]", i + 1)
            chars = src[i + 1 : close]
            if not chars or not all(ch.isalnum() or ch in "’'" for ch in chars):
                break
            letters, i = list(chars), close
        elif c == "\\" and src[i + 1 : i + 2] == "s":
            letters, i = [" "], i + 1
            if src[i + 1 : i + 2] == "+":
                i += 1
        elif c.isalnum():
            letters = [c]
        else:
            break
        nxt = src[i + 1 : i + 2]
        if nxt in ("*", "{") or nxt == "?" and src[i + 2 : i + 3] == "?":
            break
        grown = [_join(state, ch) for state in states for ch in letters]
        if nxt == "?":  # "an?": with and without the letter
            grown = states + grown
            i += 1
        if len(grown) + len(done) > _MAX_PREFIXES:
            break
        states = grown
        i += 1
        if nxt == "+":
            return done + [(state, False) for state in states]
    whole = i >= len(src)
    return done + [(state, whole) for state in states]


def _join(a: str, b: str) -> str:
    """``a + b``, one space where both meet at a space (each stands for a run of whitespace)."""
    return a + b[1:] if a.endswith(" ") and b.startswith(" ") else a + b


def _group_end(src: str, start: int) -> int:
    """The index of the ``)`` closing the group opened at ``start``."""
    depth, i, in_class = 0, start, False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(src)


def _split_top(src: str) -> list[str]:
    """The top-level ``|`` branches of ``src``, empty ones kept."""
    out, cur, depth, i, in_class = [], [], 0, 0, False
    while i < len(src):
        c = src[i]
        if c == "\\":
            cur.append(src[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "|" and depth == 0 and not in_class:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out
