""""Add WORD to the team word list": the text edit that puts a word in the configuration's
``accept`` list, in ``.plainlsc.toml``, ``plainlsc.toml`` or ``pyproject.toml`` ``[tool.plainlsc]``.

The edit is one insertion, so the rest of the file (its comments, its layout) is left as the
team wrote it. Every edit is checked before it is offered: the edited text must still be valid
TOML, with the same settings as before and the word added to ``accept``. An edit that fails
that check is not offered (a wrong edit to a team's configuration costs more than none).
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_HEADER = re.compile(r"(?m)^[ \t]*\[")
_TOOL_TABLE = re.compile(r"(?m)^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*plainlsc[ \t]*\][ \t]*(?:#.*)?$")
_ACCEPT = re.compile(r"(?m)^[ \t]*accept[ \t]*=[ \t]*\[")


def _table(data: dict[str, Any], pyproject: bool) -> dict[str, Any] | None:
    if not pyproject:
        return data
    table = data.get("tool", {}).get("plainlsc")
    return table if isinstance(table, dict) else None


def _region(text: str, pyproject: bool) -> tuple[int, int] | None:
    """Where the keys of our table are written: the top of a ``.plainlsc.toml`` (before its
    first table), or the body of ``[tool.plainlsc]``."""
    if not pyproject:
        first = _HEADER.search(text)
        return 0, first.start() if first else len(text)
    header = _TOOL_TABLE.search(text)
    if header is None:
        return None
    body = header.end() + 1 if header.end() < len(text) else header.end()
    nxt = _HEADER.search(text, body)
    return body, nxt.start() if nxt else len(text)


def _array_close(text: str, start: int) -> int | None:
    """The offset of the ``]`` that closes the array opened just before ``start``."""
    i, depth = start, 1
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            end = text.find(quote, i + len(quote))
            while quote == '"' and end > 0 and text[end - 1] == "\\":  # an escaped quote
                end = text.find(quote, end + 1)
            if end < 0:
                return None
            i = end + len(quote)
            continue
        if ch == "#":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
            continue
        depth += (ch == "[") - (ch == "]")
        if depth == 0:
            return i
        i += 1
    return None


def _insertion(text: str, pyproject: bool, word: str) -> tuple[int, str] | None:
    quoted = json.dumps(word, ensure_ascii=False)
    newline = "\r\n" if "\r\n" in text else "\n"
    region = _region(text, pyproject)
    if region is None:  # a pyproject.toml with only [tool.plainlsc.x] sub-tables
        lead = "" if not text or text.endswith("\n") else newline
        return len(text), f"{lead}{newline}[tool.plainlsc]{newline}accept = [{quoted}]{newline}"
    begin, end = region
    found = _ACCEPT.search(text, begin, end)
    if found is None:
        return begin, f"accept = [{quoted}]{newline}"
    close = _array_close(text, found.end())
    if close is None:
        return None
    body = re.sub(r"#[^\n]*", "", text[found.end():close]).strip()
    if not body:
        return close, quoted
    last = close
    while text[last - 1] in " \t\r\n":
        last -= 1
    if text[last - 1] == ",":
        return last, f" {quoted}"
    return last, f", {quoted}"


def accept_edit(text: str, pyproject: bool, word: str) -> tuple[int, str] | None:
    """Where to insert what, in a configuration file's ``text``, to accept ``word``; None
    when the word is accepted already or no edit can be made safely."""
    try:
        before = _table(tomllib.loads(text), pyproject)
    except tomllib.TOMLDecodeError:
        return None
    accepted = before.get("accept", []) if before is not None else []
    if not isinstance(accepted, list) or word.lower() in (str(a).lower() for a in accepted):
        return None
    edit = _insertion(text, pyproject, word)
    if edit is None:
        return None
    offset, inserted = edit
    try:
        after = _table(tomllib.loads(text[:offset] + inserted + text[offset:]), pyproject)
    except tomllib.TOMLDecodeError:
        return None
    expected = {**(before or {}), "accept": [*accepted, word]}
    return edit if after == expected else None


def new_config_text(word: str) -> str:
    """The text of a new ``.plainlsc.toml`` that accepts ``word``."""
    return f"# plainlsc settings for this folder (see `plainlsc explain`)\n" \
           f"accept = [{json.dumps(word, ensure_ascii=False)}]\n"
