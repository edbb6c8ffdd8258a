"""YAML as Vale (Go) reads it: style files PyYAML refuses but Vale loads.

Go's YAML reader accepts escapes in double-quoted strings that PyYAML refuses, such as
``"\\'"`` (a quote) in a message; styles written against Vale use them. When PyYAML refuses
a style file, :func:`lenient` rewrites each escape PyYAML does not know inside the
double-quoted strings as the backslash and character themselves, and the file is parsed
again; a file that still fails reports PyYAML's first error.
"""

from __future__ import annotations

from pathlib import Path

import regex

from .. import regexcache
from ..yamlload import load_yaml, read_yaml

#: escapes both readers know (x, u and U take hex digits)
_KNOWN = set('0abt\tnvfre "/\\N_LP\n')
_HEX = {"x": 2, "u": 4, "U": 8}
_QUOTED = regexcache.compile(r'"(?:[^"\\]|\\.)*"', regex.S)
_HEXDIGITS = set("0123456789abcdefABCDEF")


def _hex_escape(body: str, at: int) -> bool:
    """True when ``body[at]`` opens a complete \\x, \\u or \\U escape."""
    width = _HEX.get(body[at], 0)
    digits = body[at + 1 : at + 1 + width]
    return bool(width) and len(digits) == width and all(h in _HEXDIGITS for h in digits)


def _escape(body: str) -> str:
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\" or i + 1 >= len(body):
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "'":
            out.append("'")  # Go's reader reads \' as a quote
        elif nxt in _KNOWN or _hex_escape(body, i + 1):
            out.append(c + nxt)
        else:
            out.append("\\\\" + nxt)  # kept as written: a backslash and the character
        i += 2
    return "".join(out)


def lenient(text: str) -> str:
    """``text`` with the escapes of its double-quoted strings made readable to PyYAML."""
    return _QUOTED.sub(lambda m: _escape(m.group()), text)


def read_style_yaml(path: Path, error: type[Exception]):
    """A style file's YAML, read as PyYAML does, else as Go's reader would."""
    try:
        return read_yaml(path, error)
    except error as first:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise first from None
        fixed = lenient(text)
        if fixed == text:
            raise
        try:
            return load_yaml(fixed, path, error)
        except error:
            raise first from None
