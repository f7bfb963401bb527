"""Every key binding of the app, by owner, for the help screen and the README."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class KeyRow:
    section: str
    keys: str
    description: str
    binding_id: str


def _pretty(key: str) -> str:
    names = {
        "right_curly_bracket": "}",
        "left_curly_bracket": "{",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "question_mark": "?",
        "slash": "/",
        "space": "space",
    }
    return names.get(key, key)


def key_rows(
    sections: Iterable[tuple[str, list[BindingType]]], keymap: dict[str, str]
) -> list[KeyRow]:
    """One row per binding, with the keys the user's keymap gives it."""
    rows: list[KeyRow] = []
    for section, bindings in sections:
        merged: dict[str, tuple[list[str], Binding]] = {}
        for binding in Binding.make_bindings(bindings):
            if binding.system:
                continue
            slot = binding.id or f"{binding.action}/{binding.description}"
            merged.setdefault(slot, ([], binding))[0].append(binding.key)
        for keys, binding in merged.values():
            if binding.id and binding.id in keymap:
                keys = keymap[binding.id].split(",")
            pretty = ", ".join(_pretty(k.strip()) for k in keys)
            rows.append(
                KeyRow(section, pretty, binding.description or binding.action, binding.id or "")
            )
    return rows


def binding_ids(sections: Iterable[tuple[str, list[BindingType]]]) -> set[str]:
    """Every binding id in these sections (what a keymap may name)."""
    return {
        binding.id
        for _, bindings in sections
        for binding in Binding.make_bindings(bindings)
        if binding.id
    }


def all_binding_ids() -> set[str]:
    """Every binding id declared by a class of ``legreader.ui`` (dialogs included)."""
    import importlib
    import pkgutil

    import legreader.ui as ui

    ids: set[str] = set()
    for info in pkgutil.walk_packages(ui.__path__, "legreader.ui."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == module.__name__:
                bindings = obj.__dict__.get("BINDINGS")
                if bindings:
                    ids |= binding_ids([("", list(bindings))])
    return ids
