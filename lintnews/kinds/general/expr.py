"""A small, safe expression evaluator for metric formulas (never ``eval``).

Numbers, variables, ``+ - * / %``, ``**``, parentheses, comparisons (``< <= > >= == !=``),
``and``/``or``/``not`` (also ``&&``, ``||``, ``!``) and a few functions (``sqrt``, ``abs``,
``min``, ``max``, ``round``, ``floor``, ``ceil``, ``log``; ``math.`` prefixes allowed).
"""

from __future__ import annotations

import math

from ... import regexcache

_TOKEN = regexcache.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?|\.\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|(?P<op>\*\*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!,]))"
)
FUNCTIONS = {
    "sqrt": math.sqrt,
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
    "floor": math.floor,
    "ceil": math.ceil,
    "log": math.log,
    "log10": math.log10,
    "pow": lambda a, b: _power(a, b),
}
_BINARY = {
    "||": (1, lambda a, b: bool(a) or bool(b)),
    "or": (1, lambda a, b: bool(a) or bool(b)),
    "&&": (2, lambda a, b: bool(a) and bool(b)),
    "and": (2, lambda a, b: bool(a) and bool(b)),
    "==": (3, lambda a, b: a == b),
    "!=": (3, lambda a, b: a != b),
    "<": (4, lambda a, b: a < b),
    "<=": (4, lambda a, b: a <= b),
    ">": (4, lambda a, b: a > b),
    ">=": (4, lambda a, b: a >= b),
    "+": (5, lambda a, b: a + b),
    "-": (5, lambda a, b: a - b),
    "*": (6, lambda a, b: a * b),
    "/": (6, lambda a, b: a / b if b else math.inf if a else 0.0),
    "%": (6, lambda a, b: a % b if b else 0.0),
    "**": (8, lambda a, b: _power(a, b)),
}
MAX_LENGTH = 500
#: parentheses, signs and operators nested deeper than this are an error, not a
#: RecursionError (a formula is a line of arithmetic, not a program)
MAX_DEPTH = 40


def _power(a, b):
    """``a ** b`` in floating point: a too large result is an OverflowError at once, never
    an integer of a hundred million digits (``round(7) ** round(10 ** 8)``)."""
    return math.pow(float(a), float(b))


class ExprError(ValueError):
    pass


def tokenize(text: str) -> list[str]:
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExprError(f"unexpected {text[pos:].strip()[:10]!r} in {text!r}")
        tokens.append(m.group("num") or m.group("name") or m.group("op"))
        pos = m.end()
    return tokens


def evaluate(text: str, variables: dict[str, float]):
    """The value of ``text`` with ``variables``; raise ExprError when it is not valid."""
    parser = _Parser(tokenize(text), variables)
    value = parser.expression(0)
    if parser.pos != len(parser.tokens):
        raise ExprError(f"unexpected {parser.tokens[parser.pos]!r} in {text!r}")
    return value


class _Parser:
    def __init__(self, tokens, variables):
        self.tokens, self.variables, self.pos = tokens, variables, 0
        self.depth = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected and token != expected):
            raise ExprError(f"expected {expected or 'a value'}, found {token or 'the end'}")
        self.pos += 1
        return token

    def expression(self, min_power):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression nested deeper than {MAX_DEPTH} levels")
        try:
            return self._expression(min_power)
        finally:
            self.depth -= 1

    def _expression(self, min_power):
        left = self.unary()
        while (op := self.peek()) in _BINARY and _BINARY[op][0] > min_power:
            power, fn = _BINARY[self.take()]
            right = self.expression(power - 1 if op == "**" else power)
            try:
                left = fn(left, right)
            except (OverflowError, ValueError, TypeError) as exc:
                raise ExprError(f"cannot compute {op}: {exc}") from None
        return left

    def unary(self):
        token = self.peek()
        if token in ("-", "+"):
            self.take()
            value = self.expression(7)
            return -value if token == "-" else value
        if token in ("!", "not"):
            self.take()
            return not self.expression(3)
        return self.atom()

    def atom(self):
        token = self.take()
        if token == "(":
            value = self.expression(0)
            self.take(")")
            return value
        if token[0].isdigit() or token[0] == ".":
            return float(token)
        if token in ("true", "false"):
            return token == "true"
        name = token.removeprefix("math.")
        if self.peek() == "(" and name in FUNCTIONS:
            return self.call(name)
        if token in self.variables:
            return self.variables[token]
        raise ExprError(f"unknown name '{token}'")

    def call(self, name):
        self.take("(")
        args = []
        while self.peek() != ")":
            args.append(self.expression(0))
            if self.peek() == ",":
                self.take()
        self.take(")")
        try:
            return FUNCTIONS[name](*args)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ExprError(f"{name}(): {exc}") from None
