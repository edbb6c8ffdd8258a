"""Properties that must hold for any draft (hypothesis): nothing raises, positions are
right, fixes touch only their spans and are stable, interrupted fixes damage nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.errors import InputError
from lintnews.fixes import apply, fix_text, wanted
from lintnews.parsers import markdown, text
from lintnews.runner import Runner

settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")

RUNNER = Runner(select=["*"])
PIECES = [
    "Kim Jong-un",
    "Kim Jong Un",
    "Pérez",
    "Perez",
    "la Fiscalía",
    "el Fiscalía",
    "Putin",
    "dijo que",
    "el gobierno",
    "anunció",
    "la reunión",
    "en Siberia",
    "'sagrada lucha'",
    "'lucha sagrada'",
    "Foto: EFE",
    "Lee también:",
    "Imagen relacionada",
    "apoyo corea norte",
    "IMG_2034.jpg",
    "Publicidad",
    "«cita»",
    "“cita”",
    ".",
    ",",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "# ",
    "> ",
    "- ",
    "1. ",
    "**",
    "_",
    "`code`",
    "[enlace](http://x.y/z)",
    "![alt](foto.png)",
    "<!-- lintnews-disable -->",
    "<!-- lintnews-enable -->",
    "<!-- lintnews-disable-next-line stray-caption -->",
    "---\n",
    "```\n",
    "| a | b |\n",
    "\u200b",
    "e\u0301",
    "👩‍👩‍👧",
    "ﬁ",
    "Рutin",
    "NUMBER",
]
SENTENCE = (
    "El presidente del gobierno anunció hoy en Madrid un plan nuevo de vivienda para "
    "las familias jóvenes del país."
)
drafts = st.lists(st.sampled_from(PIECES + [SENTENCE]), max_size=60).map("".join)


@given(st.text(max_size=400))
def test_parsers_never_raise_on_arbitrary_text(source):
    for parser in (markdown.parse, text.parse):
        try:
            doc = parser("x.md", source)
        except InputError:
            continue  # a broken front matter: a clear error, not a crash
        for block in doc.blocks:
            assert 0 <= block.span.start <= block.span.end <= len(source)
            assert len(block.prose) == block.span.end - block.span.start


def offset_of(source: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    return starts[line - 1] + column - 1


@given(drafts, st.sampled_from(["d.md", "d.txt"]))
def test_findings_lie_inside_the_file_and_positions_round_trip(source, path):
    result = RUNNER.lint_text(source, path)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(source)
        assert offset_of(source, f.line, f.column) == f.start
        if f.end > f.start:
            assert offset_of(source, f.end_line, f.end_column) == f.end
        if f.fix is not None:
            assert 0 <= f.fix.span.start <= f.fix.span.end <= len(source)


@given(drafts)
def test_fixes_change_only_their_spans_and_a_second_pass_is_stable(source):
    result = RUNNER.lint_text(source, "d.md")
    fixes = wanted(result.findings, unsafe=True)
    fixed, applied, _ = apply(source, fixes)
    # outside the applied spans every character is kept, in order: walk both texts
    cursor = pos = 0
    for fix in sorted(applied, key=lambda f: f.span.start):
        kept = source[cursor : fix.span.start]
        assert fixed[pos : pos + len(kept)] == kept
        pos += len(kept)
        assert fixed[pos : pos + len(fix.replacement)] == fix.replacement
        pos += len(fix.replacement)
        cursor = fix.span.end
    assert fixed[pos:] == source[cursor:]
    outcome, _ = fix_text(
        source, result.findings, lambda t: RUNNER.lint_text(t, "d.md"), unsafe=True
    )
    again, _ = fix_text(
        outcome.text,
        RUNNER.lint_text(outcome.text, "d.md").findings,
        lambda t: RUNNER.lint_text(t, "d.md"),
        unsafe=True,
    )
    if outcome.remaining == 0:  # a first run that left nothing fixable is a fixpoint
        assert again.applied == 0 and again.text == outcome.text


DRAFT = "# T\n\nPrimer párrafo de la nota {n}.\n\nFoto: EFE\n\nLee también: otra\n\nFin.\n"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("delay", [0.0, 0.2])
def test_interrupted_fix_leaves_files_original_or_fully_fixed(tmp_path, sig, delay):
    folder = tmp_path / "d"
    folder.mkdir()
    originals = {}
    for i in range(300):
        path = folder / f"d{i:03d}.md"
        originals[path] = DRAFT.format(n=i)
        path.write_text(originals[path], encoding="utf-8")
    expected = {
        p: t.replace("Foto: EFE\n\n", "").replace("Lee también: otra\n\n", "")
        for p, t in originals.items()
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lintnews",
            "check",
            "--fix",
            "--unsafe-fixes",
            "--no-cache",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60  # wait until fixing has begun, then interrupt it
    while (
        time.monotonic() < deadline
        and proc.poll() is None
        and all(p.read_text(encoding="utf-8") == t for p, t in list(originals.items())[:40])
    ):
        time.sleep(0.01)
    time.sleep(delay)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    states = {"original": 0, "fixed": 0}
    for path, original in originals.items():
        now = path.read_text(encoding="utf-8")
        assert now in (original, expected[path]), path
        states["original" if now == original else "fixed"] += 1
    assert proc.returncode == 130  # interrupted, not finished
    assert states["fixed"] > 0 and states["original"] > 0  # really mid-run
    leftovers = [p.name for p in folder.iterdir() if not p.name.endswith(".md")]
    assert leftovers == []
    assert os.path.isdir(folder)
