"""Vale's ``--filter``: an expression over each rule's definition picks the rules that run.

The expression (the flag's value, or the file it names) reads the fields of a rule as Vale
exposes them: ``.Name`` (``Style.Rule``), ``.Level``, ``.Scope`` (a list), ``.Extends``,
``.Message``, ``.Link``, ``.Description``, ``.Limit``. It is the part of Vale's expression
language that filters use: strings, numbers, ``true``/``false``, lists ``[...]``, ``==``,
``!=``, ``<``, ``<=``, ``>``, ``>=``, ``in``, ``not in``, ``contains``, ``startsWith``,
``endsWith``, ``and``/``&&``, ``or``/``||``, ``not``/``!`` and parentheses. It is parsed
here, never run as code; anything else is a usage error naming what was not understood.
"""

from __future__ import annotations

from typing import Any

import regex


class FilterError(ValueError):
    """An expression ``--filter`` cannot read (the message says where)."""


_TOKEN = regex.compile(
    r"""\s*(?:
      (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<num>\d+(?:\.\d+)?)
    | (?P<field>\.[A-Za-z_]\w*)
    | (?P<op>==|!=|<=|>=|&&|\|\||[<>!\[\](),])
    | (?P<word>[A-Za-z_]\w*)
    )""",
    regex.X,
)
_WORD_OPS = {"and": "&&", "or": "||", "not": "!"}
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "startsWith",
                "endsWith"}  # fmt: skip


def _tokens(text: str) -> list[tuple[str, Any]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise FilterError(f"--filter: cannot read the expression at {text[pos : pos + 20]!r}")
        pos = m.end()
        if m.group("str") is not None:
            out.append(("value", m.group("str")[1:-1].encode().decode("unicode_escape")))
        elif m.group("num") is not None:
            out.append(("value", float(m.group("num"))))
        elif m.group("field") is not None:
            out.append(("field", m.group("field")[1:]))
        elif m.group("op") is not None:
            out.append(("op", m.group("op")))
        else:
            word = m.group("word")
            if word in ("true", "false"):
                out.append(("value", word == "true"))
            elif word in _WORD_OPS:
                out.append(("op", _WORD_OPS[word]))
            elif word in ("in", "contains", "startsWith", "endsWith"):
                out.append(("op", word))
            else:
                raise FilterError(f"--filter: unknown name '{word}' (fields start with a dot)")
    return out


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, op: str | None = None):
        token = self.peek()
        if token[0] is None or (op is not None and token != ("op", op)):
            raise FilterError(f"--filter: expected {op or 'more'} in the expression")
        self.i += 1
        return token

    def parse(self):
        node = self.or_()
        if self.i != len(self.tokens):
            raise FilterError(f"--filter: unexpected {self.peek()[1]!r} in the expression")
        return node

    def or_(self):
        node = self.and_()
        while self.peek() == ("op", "||"):
            self.take()
            node = ("or", node, self.and_())
        return node

    def and_(self):
        node = self.not_()
        while self.peek() == ("op", "&&"):
            self.take()
            node = ("and", node, self.not_())
        return node

    def not_(self):
        if self.peek() == ("op", "!") and self.tokens[self.i + 1 : self.i + 2] != [("op", "in")]:
            self.take()
            return ("not", self.not_())
        return self.comparison()

    def comparison(self):
        left = self.primary()
        kind, value = self.peek()
        if kind == "op" and value == "!" and self.tokens[self.i + 1 : self.i + 2] == [("op", "in")]:
            self.i += 2
            return ("cmp", "not in", left, self.primary())
        if kind == "op" and value in _COMPARISONS:
            self.take()
            return ("cmp", value, left, self.primary())
        return left

    def primary(self):
        kind, value = self.take()
        if kind in ("value", "field"):
            return (kind, value)
        if value == "(":
            node = self.or_()
            self.take(")")
            return node
        if value == "[":
            items = []
            while self.peek() != ("op", "]"):
                items.append(self.primary())
                if self.peek() == ("op", ","):
                    self.take()
            self.take("]")
            return ("list", items)
        raise FilterError(f"--filter: unexpected {value!r} in the expression")


def _value(node, fields: dict[str, Any]):
    kind = node[0]
    if kind == "value":
        return node[1]
    if kind == "field":
        return fields.get(node[1], "")
    if kind == "list":
        return [_value(item, fields) for item in node[1]]
    if kind == "not":
        return not _value(node[1], fields)
    if kind == "and":
        return bool(_value(node[1], fields)) and bool(_value(node[2], fields))
    if kind == "or":
        return bool(_value(node[1], fields)) or bool(_value(node[2], fields))
    op, left, right = node[1], _value(node[2], fields), _value(node[3], fields)
    try:
        return _compare(op, left, right)
    except TypeError:
        raise FilterError(f"--filter: cannot compare with '{op}' here") from None


def _compare(op: str, left, right) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op in ("in", "not in"):
        if not isinstance(right, (list, str)):
            raise TypeError
        found = left in right
        return found if op == "in" else not found
    if op == "contains":
        return right in left
    if op == "startsWith":
        return str(left).startswith(str(right))
    if op == "endsWith":
        return str(left).endswith(str(right))
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


def compile_filter(text: str):
    """A predicate over a rule's fields (a dict as :func:`fields` writes it)."""
    tree = _Parser(text).parse()
    known = set(fields("", {}))
    unknown = sorted(set(_fields_in(tree)) - known)
    if unknown:
        raise FilterError(f"--filter: rules have no field '.{unknown[0]}'")
    return lambda values: bool(_value(tree, values))


def _fields_in(node):
    if node[0] == "field":
        yield node[1]
    for part in node[1:]:
        if isinstance(part, tuple):
            yield from _fields_in(part)
        elif isinstance(part, list):
            for item in part:
                yield from _fields_in(item)


def fields(name: str, data: dict) -> dict[str, Any]:
    """The fields of a rule as ``--filter`` reads them, from its Vale definition."""
    scope = data.get("scope", "text")
    return {
        "Name": name,
        "Level": str(data.get("level") or "suggestion"),
        "Scope": [str(s) for s in scope] if isinstance(scope, list) else [str(scope)],
        "Extends": str(data.get("extends") or ""),
        "Message": str(data.get("message") or ""),
        "Link": str(data.get("link") or ""),
        "Description": str(data.get("description") or ""),
        "Limit": float(data["limit"]) if isinstance(data.get("limit"), int) else 0.0,
    }
