#!/usr/bin/env python3
"""Write the bad-draft torture corpus: one file per case.

usage: make_corpus.py OUTDIR [--large]

Small cases are also committed beside this script; the large ones (a 50 MB draft, a 2 MB
single line) are only generated, with --large. Text comes from the committed example drafts,
so the large files are real prose, repeated.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = (HERE.parent.parent / "examples" / "cumbre-kim-putin.txt").read_text(encoding="utf-8")
PARAGRAPH = SEED.split("\n\n")[0]


def small_cases() -> dict[str, bytes]:
    text = SEED.encode("utf-8")
    return {
        "empty.md": b"",
        "only-front-matter.md": b"---\ntitle: Solo metadatos\nlang: es\n---\n",
        "broken-front-matter.md": b"---\ntitle: [sin cerrar\nlang: es\n---\n\n# Titular\n\nTexto.\n",
        "invalid-utf8.md": b"# Titular\n\nTexto con un byte \xff inv\xe1lido.\n",
        "utf16-bom.md": codecs.BOM_UTF16_LE + SEED.encode("utf-16-le"),
        "binary-nul.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "mixed-crlf-lf.md": text.replace(b"\n\n", b"\r\n\r\n", 3),
        "unicode-edge-cases.md": (
            "# Cumbre\u200b en Siberia\n\n"
            "Kim Jong\u200b-un y Vladi\u200bmir Putin se reunieron. "
            "Cafe\u0301 cafe\u0301 y man\u0303ana con letras combinadas.\n\n"
            "نص عربي من اليمين إلى اليسار داخل الفقرة. עברית גם כן.\n\n"
            "Emoji con ZWJ: 👩‍👩‍👧‍👦 y banderas 🇪🇸 y tonos 👍🏽.\n\n"
            "\u202eTexto invertido\u202c y \ufeffBOM en medio.\n"
        ).encode("utf-8"),
        "nested-blockquotes.md": (">" * 10000 + " Cita muy anidada.\n").encode(),
        # "- - - item" is a list inside a list inside a list (CommonMark)
        "nested-lists.md": ("- " * 10000 + "nivel\n").encode(),
    }


def large_cases() -> dict[str, bytes]:
    block = (SEED + "\n\n").encode("utf-8")
    big = block * (50 * 1024 * 1024 // len(block) + 1)
    line = (PARAGRAPH.replace("\n", " ") + " ").encode("utf-8")
    return {
        "big-50mb.md": b"# Titular enorme\n\n" + big[: 50 * 1024 * 1024],
        "single-line-2mb.md": (line * (2 * 1024 * 1024 // len(line) + 1))[: 2 * 1024 * 1024],
        # inline markup that never closes: every opening could be read against the rest of
        # the draft (a backtick run of each length, an asterisk pair, an angle-bracket link)
        "open-backticks.md": "".join("`" * i + "a" for i in range(1, 700)).encode(),
        "open-strong.md": b"**a " * 60000,
        "open-autolinks.md": b"<http://a" * 33000,
        # thousands of people sharing a surname that is also written in lowercase: each
        # name's other casings are looked for only where its rarest word is
        "shared-surname.md": _shared_surname(3000).encode(),
        # thousands of widget markers, each over a list of links: each list is found from
        # its marker, not by reading every block again
        "widget-lists.md": "\n".join(
            f"Most read\n1. Headline number {i}\n\n{PARAGRAPH.splitlines()[0]}\n"
            for i in range(3000)
        ).encode(),
        # thousands of short quotes and long ones: a fragment is looked for only in the long
        # quotes that hold its words
        "many-quotes.md": "\n".join(
            f'Dijo "{" ".join(WORDS[(i + k) % len(WORDS)] for k in range(3))}" y luego '
            f'"{" ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(12))}".\n'
            for i in range(3000)
        ).encode(),
        # thousands of quotes one word apart in one block with no stop: one sentence as long
        # as the block, whose words around each quote are read near it only
        "unbroken-quotes.md": (
            "# Prueba\n\n"
            + "\n".join(
                '"'
                + " ".join(WORDS[(i * 7 + k * k * 3 + i // 15 * k) % len(WORDS)] for k in range(6))
                + '" y'
                for i in range(5000)
            )
        ).encode(),
        # a chant quoted thousands of times in two orders: its sentences and fragments are
        # compared within a budget, not each copy with every other
        "chant-quotes.md": "\n".join(
            "La grada cantó «Olé olé olé olé, campeones del mundo». El capitán dijo "
            f"«Campeones del mundo, olé olé olé olé» en la rueda {i}.\n"
            for i in range(8000)
        ).encode(),
        # thousands of hyphenated place names of three parts, each also written with
        # spaces: the spaced forms are found in one pass over the capitalised words
        "hyphenated-names.md": _hyphenated_names(5000).encode(),
        # a page copied a paragraph to a line, thousands of lines in one block: each line
        # takes its sentences in one pass
        "unwrapped-lines.md": (
            "# Prueba\n\n"
            + "\n".join(f"{PARAGRAPH.splitlines()[0]} {i}" for i in range(4000))
        ).encode(),
    }


#: words for the quotes of the many-quotes and unbroken-quotes cases
WORDS = "alfa beta gamma delta epsilon zeta eta theta iota kappa lambda sigma tau phi chi".split()


def _name(i: int) -> str:
    """The i-th of 10,000 made-up capitalised words of four syllables ("Debababa")."""
    syllables = ["ba", "de", "fi", "go", "lu", "ma", "ne", "ri", "so", "tu"]
    return "".join(syllables[i // 10**k % 10] for k in range(4)).capitalize()


def _shared_surname(people: int) -> str:
    name = _name
    lines = ["# Prueba\n"]
    for i in range(people):
        lines.append(
            f"El alcalde {name(i)} {name(i + 7)} Smith habló con {name(i * 7 % people)} "
            f"{name(i + 3)} Smith y con la familia smith ayer en la plaza.\n"
        )
    return "\n".join(lines)


def _hyphenated_names(places: int) -> str:
    lines = ["# Prueba\n"]
    for i in range(places):
        place = f"{_name(i)}-on-{_name(i * 7 % places)}"
        lines.append(f"The council of {place} met {place.replace('-', ' ')} officials.\n")
    return "\n".join(lines)


def write(outdir: Path, large: bool) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    cases = small_cases() | (large_cases() if large else {})
    written = []
    for name, data in cases.items():
        (outdir / name).write_bytes(data)
        written.append(outdir / name)
    loop = outdir / "symlink-loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "self").is_symlink():
        os.symlink("..", loop / "self")
    return written


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    write(Path(sys.argv[1]), "--large" in sys.argv)
