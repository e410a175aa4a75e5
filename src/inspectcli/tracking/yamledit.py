"""Small edits of round-trip YAML nodes that keep a findings file looking hand-written.

New keys go where a person would put them (the order of the model), new list items take
the style of their siblings, and the blank line that ends a finding stays at its end.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from inspectcli.repo.roundtrip import block_seq, set_key

# Keys of a rectification record in the order of the model (and of the examples).
RECTIFICATION_ORDER = (
    "status",
    "rectified",
    "evidence",
    "updates",
    "extensions",
    "revisits",
    "verification",
)


def put(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``key``: in place when present, else before the first later key of ``order``."""
    if key in mapping:
        mapping[key] = value
        return
    later = order[order.index(key) + 1 :] if key in order else ()
    before = next((k for k in mapping if k in later), None)
    if before is None:
        _append(mapping, key, value)
    else:
        set_key(mapping, key, value, before=before)


def remove(mapping: CommentedMap, key: str) -> None:
    """Delete ``key``, handing its trailing blank lines to the entry that is now last."""
    if key not in mapping:
        return
    last = list(mapping)[-1] == key
    blank = take_trailing_blank(mapping) if last else ""
    del mapping[key]
    if blank and len(mapping):
        give_trailing_blank(mapping, list(mapping)[-1], blank)


def append_item(mapping: CommentedMap, key: str, item: Any, order: tuple[str, ...]) -> None:
    """Append ``item`` to the list under ``key``, creating the list where it belongs."""
    sequence = mapping.get(key)
    if isinstance(sequence, CommentedSeq):
        sequence.append(item)
    else:
        put(mapping, key, block_seq([item]), order)


def is_flow(node: Any) -> bool:
    return isinstance(node, CommentedMap | CommentedSeq) and bool(node.fa.flow_style())


def _append(mapping: CommentedMap, key: str, value: Any) -> None:
    blank = take_trailing_blank(mapping) if len(mapping) else ""
    mapping[key] = value
    if blank:
        give_trailing_blank(mapping, key, blank)


def take_trailing_blank(mapping: CommentedMap) -> str:
    """Remove and return the blank lines after the last entry of a block ``mapping``."""
    key = list(mapping)[-1]
    value = mapping[key]
    if isinstance(value, CommentedMap) and not is_flow(value) and len(value):
        return take_trailing_blank(value)
    if isinstance(value, CommentedSeq) and not is_flow(value) and len(value):
        last = value[-1]
        if isinstance(last, CommentedMap) and not is_flow(last) and len(last):
            return take_trailing_blank(last)
        return _split_tokens(value.ca.end)
    token = mapping.ca.items.get(key, [None, None, None, None])
    return _split_tokens(token, 2) if len(token) > 2 else ""


def give_trailing_blank(mapping: CommentedMap, key: str, blank: str) -> None:
    """Put ``blank`` (newlines) after the entry ``key`` of ``mapping``."""
    value = mapping[key]
    if isinstance(value, CommentedMap) and not is_flow(value) and len(value):
        give_trailing_blank(value, list(value)[-1], blank)
        return
    if isinstance(value, CommentedSeq) and not is_flow(value) and len(value):
        last = value[-1]
        if isinstance(last, CommentedMap) and not is_flow(last) and len(last):
            give_trailing_blank(last, list(last)[-1], blank)
            return
        value.ca.comment = value.ca.comment or [None, None]
        value.ca.end = [*(value.ca.end or []), _token(blank)]
        return
    slot = mapping.ca.items.setdefault(key, [None, None, None, None])
    if slot[2] is None:
        slot[2] = _token("\n" + blank)  # the end of the entry's own line, then the blank
    else:
        slot[2].value += blank


def _split_tokens(holder: Any, index: int | None = None) -> str:
    """Strip the trailing blank lines off a comment token (in a list, or a slot of one)."""
    if not holder:
        return ""
    tokens = holder if index is None else [holder[index]]
    token = tokens[-1] if tokens else None
    if not isinstance(token, CommentToken):
        return ""
    kept = token.value.rstrip("\n")
    keep_newline = "\n" if kept else ""
    blank = token.value[len(kept) + len(keep_newline) :]
    if not kept and index is None:
        holder.pop()  # a token of blank lines only: it goes entirely
        return token.value
    if not kept:
        holder[index] = None
        return token.value[1:] if token.value.startswith("\n") else token.value
    token.value = kept + keep_newline
    return blank


def _token(text: str) -> CommentToken:
    return CommentToken(text, CommentMark(0), None)
