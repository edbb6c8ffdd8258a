"""The "Every kind and its options" part of the README, made from the kinds' declarations.

``python -m lintnews.kinds.reference README.md`` rewrites the part between the markers;
``tests/test_adoption.py`` checks that it is current.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from . import FAMILIES
from .base import type_name

START = "<!-- kinds reference: made by `python -m lintnews.kinds.reference README.md` -->"
END = "<!-- end of kinds reference -->"


def markdown() -> str:
    """One entry per built-in kind (family order): its description, then its options."""
    out = []
    for family in FAMILIES:
        for name in importlib.import_module(f"{__package__}.{family}").KINDS:
            kind = importlib.import_module(f"{__package__}.{family}.{name.replace('-', '_')}").KIND
            description = " ".join(kind.description.split())
            out.append(f"- **`{name}`** ({family}): {description}")
            for spec in kind.options.specs().values():
                default = json.dumps(spec.default, ensure_ascii=False)
                if len(default) > 40:
                    default = default[:37] + "..."
                choices = f"; one of {', '.join(map(str, spec.choices))}" if spec.choices else ""
                out.append(
                    f"  - `{spec.name}` ({type_name(spec.type)}, default `{default}`{choices}): "
                    f"{spec.help}".rstrip(": ")
                )
    return "\n".join(out) + "\n"


def section() -> str:
    return f"{START}\n{markdown()}{END}"


def current(readme: str) -> str:
    """``readme`` with its kinds reference made again."""
    start, end = readme.index(START), readme.index(END) + len(END)
    return readme[:start] + section() + readme[end:]


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(current(path.read_text(encoding="utf-8")), encoding="utf-8")
