"""The footer: the keys of the focused widget that fit on one line, and always `? Help`.

Textual's own footer lists every shown binding in the order the key map holds them and
cuts the line at the screen's edge, so at 80 columns the keys that matter most (and help)
fell off the end. This one:

- orders each widget's keys by its ``FOOTER_ORDER`` (binding ids, most useful first; else
  the order of its ``BINDINGS``), the focused widget's before the app's;
- shows a :class:`~textual.binding.Binding.Group` as one item (``1-6 Verdict``, ``j/k
  Sentence``), built from the keys as currently mapped;
- drops the least useful items until the line fits the width, never the pinned ones
  (:data:`PINNED`, help), which close the line.

Keys are shown as the user's key map has them (the first key bound to each action), so a
remapped key shows its new name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Binding ids always shown (at the end of the line), however narrow the screen: help, and
#: the way back from the full screens (compare, side by side).
PINNED = frozenset({"app.help", "compare.help", "compare.close", "side.close"})
#: Columns between two items (the footer's CSS below gives each key this right margin).
GAP = 2


@dataclass
class FooterItem:
    """One entry of the footer: a binding, or a group of bindings shown as one."""

    key: str
    """The key pressed when the item is clicked ("" for a group: clicking does nothing)."""
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str = ""
    binding_ids: list[str] = field(default_factory=list)
    group_keys: list[str] = field(default_factory=list)
    """A group's keys as shown, in order."""

    @property
    def width(self) -> int:
        return cell_len(self.display) + 1 + cell_len(self.description) + GAP

    @property
    def pinned(self) -> bool:
        return any(binding_id in PINNED for binding_id in self.binding_ids)


def group_display(keys: list[str]) -> str:
    """How a group's keys are shown: a run of three or more digits as ``1-6``, else the
    keys joined by ``/`` (``j/k``)."""
    if len(keys) >= 3 and all(len(k) == 1 and k.isdigit() for k in keys):
        numbers = [int(k) for k in keys]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{keys[0]}-{keys[-1]}"
    return "/".join(keys)


@lru_cache(maxsize=64)
def _declared(cls: type) -> tuple[dict[str, int], dict[str, list[str]]]:
    """For a class: where each binding (by id, else action) is declared among its
    ``BINDINGS`` (base classes first), and the keys it was declared with."""
    order: dict[str, int] = {}
    keys: dict[str, list[str]] = {}
    for klass in reversed(cls.__mro__):
        for declared in klass.__dict__.get("BINDINGS", ()):
            if isinstance(declared, Binding):
                slot = declared.id or declared.action
                order.setdefault(slot, len(order))
                keys[slot] = [k.strip() for k in declared.key.split(",")]
    return order, keys


def _declared_keys(node: DOMNode, binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys of ``binding`` in the order they were written (in the key map or the class)."""
    if binding.id and binding.id in keymap:
        return [k.strip() for k in keymap[binding.id].split(",")]
    return _declared(type(node))[1].get(binding.id or binding.action, [binding.key])


def _order_key(node: DOMNode, binding: Binding) -> int:
    """Where the node wants this binding in the footer (lower first): by its ``FOOTER_ORDER``,
    then in the order of its ``BINDINGS``."""
    order: tuple[str, ...] = getattr(node, "FOOTER_ORDER", ())
    if binding.id and binding.id in order:
        return order.index(binding.id)
    declared = _declared(type(node))[0]
    return len(order) + declared.get(binding.id or binding.action, len(declared))


def footer_items(
    active: Iterable[tuple[DOMNode, Binding, bool, str]],
    key_display: Callable[[Binding], str],
    keymap: Mapping[str, str],
) -> list[FooterItem]:
    """The items to show, most useful first, from a screen's active bindings
    (``(node, binding, enabled, tooltip)``, the focused widget's first)."""
    # One entry per (node, action): the key shown is the first one declared for it.
    by_action: dict[tuple[int, str], tuple[DOMNode, Binding, bool, str, list[str]]] = {}
    nodes: list[DOMNode] = []
    for node, binding, enabled, tooltip in active:
        if not binding.show:
            continue
        slot = (id(node), binding.action)
        if slot not in by_action:
            by_action[slot] = (node, binding, enabled, tooltip, [])
            if node not in nodes:
                nodes.append(node)
        by_action[slot][4].append(binding.key)
    items: list[FooterItem] = []
    for node in nodes:
        entries = [entry for entry in by_action.values() if entry[0] is node]
        entries.sort(key=lambda entry: _order_key(node, entry[1]))
        groups: dict[Binding.Group, FooterItem] = {}
        for _, binding, enabled, tooltip, keys in entries:
            declared = _declared_keys(node, binding, keymap)
            key = next((k for k in declared if k in keys), keys[0])
            shown = key_display(binding.with_key(key, binding.key_display))
            group = binding.group
            if group is not None:
                item = groups.get(group)
                if item is None:
                    item = groups[group] = FooterItem(
                        "", "", group.description, binding.action, enabled
                    )
                    items.append(item)
                item.group_keys.append(shown)
                item.display = group_display(item.group_keys)
                item.enabled = item.enabled or enabled
                item.tooltip = ", ".join(filter(None, [item.tooltip, binding.description]))
                if binding.id:
                    item.binding_ids.append(binding.id)
                continue
            items.append(
                FooterItem(
                    key,
                    shown,
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip,
                    [binding.id] if binding.id else [],
                )
            )
    return items


def fit(items: list[FooterItem], width: int) -> list[FooterItem]:
    """The items that fit in ``width`` columns: the pinned ones always (last), then as many
    of the others as fit, most useful first."""
    pinned = [item for item in items if item.pinned]
    others = [item for item in items if not item.pinned]
    room = width - sum(item.width for item in pinned) + GAP  # the last item needs no gap
    kept: list[FooterItem] = []
    for item in others:
        if item.width <= room:
            kept.append(item)
            room -= item.width
        else:
            break  # keep the order: a later, smaller item never jumps ahead
    return kept + pinned


class GroupKey(FooterKey):
    """A group of keys shown as one item: clicking it does nothing (which key would it be?)."""

    def on_mouse_down(self) -> None:
        pass


class FittingFooter(Footer):
    """A one-line footer that always fits (see the module's docstring)."""

    DEFAULT_CSS = f"""
    FittingFooter.-compact FooterKey {{ margin-right: {GAP}; }}
    """

    def __init__(self, **kwargs: Any) -> None:  # Textual's Footer arguments, passed on
        super().__init__(show_command_palette=False, compact=True, **kwargs)
        self._composed_width = -1

    def items(self) -> list[FooterItem]:
        """What the footer would show at any width, most useful first."""
        app = self.app
        active = self.screen.active_bindings.values()
        return footer_items(
            ((a.node, a.binding, a.enabled, a.tooltip) for a in active),
            app.get_key_display,
            getattr(app, "keymap", None) or app._keymap,
        )

    def shown_items(self) -> list[FooterItem]:
        """What the footer shows now."""
        return fit(self.items(), self.size.width or self.app.size.width)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._composed_width = self.size.width
        yield from self._keys(self.shown_items())

    def _keys(self, items: list[FooterItem]) -> Iterator[FooterKey]:
        for item in items:
            kind = GroupKey if not item.key else FooterKey
            yield kind(
                item.key,
                item.display,
                item.description,
                item.action,
                disabled=not item.enabled,
                tooltip=item.tooltip,
            ).data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
