"""A self-contained HTML report for editors: a reading view of each draft with its findings.

No external assets (no fonts, scripts or images from the network): styles and the small
filter script are inline. Each draft is shown as prose in a proportional typeface
(paragraphs, each source line on a line of its own as in the draft, so a caption under a
paragraph stays a line; headings without their Markdown marks; the front matter as a small
table), each finding highlighted in place in its category's colour (the rule's family: repetition,
leftovers, naming...; a legend names them) and explained under its paragraph, with the
suggested fix beside it. A highlight inside another one is drawn inside it, in its own
colour and outlined, so neither hides the other. Drafts with findings come first; clean
drafts are collapsed. A related location (the earlier copy, the majority spelling) links to
its line. Everything from a draft or a rule is escaped: a draft cannot inject markup.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .. import __version__
from ..errors import printable
from ..plugin import hookimpl
from . import Formatter, Summary


def _escape(text: str) -> str:
    import html  # imported when a report is written (not on every start)

    return html.escape(printable(text))  # control characters shown as \x1b; quotes too


#: category (a rule kind's family) -> (name in the legend, highlight colour, border colour)
CATEGORIES = {
    "repetition": ("Repeated content", "#a5d8ff", "#1c7ed6"),
    "leftovers": ("Leftovers (captions, CMS)", "#ffc078", "#e8590c"),
    "naming": ("Names and quotes", "#d0bfff", "#7048e8"),
    "typography": ("Typography", "#8ce99a", "#2f9e44"),
    "general": ("Style rules", "#fcc2d7", "#d6336c"),
    "suppression": ("Suppressions", "#ced4da", "#495057"),
    "other": ("Other rules", "#ffec99", "#f08c00"),
}


def category(rule) -> str:
    """The family of a rule's kind (``lintnews/kinds/<family>/``), else ``other``."""
    kind = getattr(rule, "kind", None)
    module = getattr(kind, "module", "") or getattr(getattr(kind, "check", None), "__module__", "")
    parts = str(module).split(".")
    if len(parts) > 2 and parts[:2] == ["lintnews", "kinds"] and parts[2] in CATEGORIES:
        return parts[2]
    return "other"


STYLE = """
body{font:17px/1.6 Georgia,'Times New Roman',serif;margin:0;color:#212529;background:#f8f9fa}
header,#summary,#filters,#legend,.msg,h2,details>summary,.fm{font-family:system-ui,
-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
header{background:#1d3557;color:#fff;padding:16px 24px;font-size:15px}
header h1{margin:0 0 4px;font-size:20px}
main{padding:16px 24px;max-width:860px;margin:0 auto}
table{border-collapse:collapse;margin:12px 0;background:#fff;font-size:14px}
#summary{display:block;overflow-x:auto;max-width:100%}
td,th{border:1px solid #dee2e6;padding:4px 10px;text-align:left}th{background:#e9ecef}
#filters{position:sticky;top:0;z-index:2;background:#f8f9fa;padding:8px 0;font-size:14px;
border-bottom:1px solid #dee2e6}
#filters label{margin-right:14px;white-space:nowrap}
#legend{display:flex;flex-wrap:wrap;gap:8px 18px;font-size:14px;margin:10px 0}
#legend span{display:inline-flex;align-items:center;gap:6px}
#legend i{display:inline-block;width:28px;height:16px;border-radius:3px;border:2px solid}
section{background:#fff;border:1px solid #dee2e6;border-radius:8px;margin:22px 0;
padding:10px 28px 14px 56px}
section h2{font-size:17px;margin:6px 0 12px -28px}
section h2 small{font-weight:400;color:#6c757d}
.prose p,.prose .h{position:relative;margin:0 0 14px}
.prose .h{font-weight:700;font-size:1.25em;line-height:1.3}
.prose .ln{display:block}.ln:target{background:#fff3bf}
.no{position:absolute;left:-44px;width:34px;text-align:right;color:#adb5bd;
font:12px/2.1 system-ui,sans-serif}
.fm{font-size:13px;color:#495057;margin:0 0 14px}.fm td{padding:2px 8px}
mark{background:none;color:inherit;border-radius:3px;padding:1px 0}
mark.on{background:var(--c);box-shadow:0 2px 0 var(--b)}
mark.on mark.on{outline:2px solid var(--b);outline-offset:0}
.msg{margin:-6px 0 16px;padding:6px 10px;font-size:14px;line-height:1.45;
border-left:5px solid var(--b);background:#f8f9fa;border-radius:0 6px 6px 0}
.msg .rule{font-weight:600;margin-right:6px}
.msg .lv{font-size:11px;text-transform:uppercase;letter-spacing:.04em;padding:1px 5px;
border-radius:3px;margin-right:6px;background:#e9ecef;color:#495057}
.msg .lv.error{background:#c92a2a;color:#fff}.msg .lv.warning{background:#f08c00;color:#fff}
.msg .fix{display:block;margin-top:4px;color:#2b8a3e}
.msg .fix ins{background:#d3f9d8;text-decoration:none;padding:0 3px;border-radius:2px}
.msg .fix del{background:#ffe3e3;padding:0 3px;border-radius:2px}
.msg a{margin-left:6px}
details.clean{background:#fff;border:1px solid #dee2e6;border-radius:8px;margin:10px 0;
padding:6px 14px}
details.clean>summary{cursor:pointer;color:#495057;font-size:15px}
details.clean section{border:0;margin:6px 0}
.err{color:#c92a2a;font-size:14px;font-family:system-ui,sans-serif}
.hidden{display:none}
"""

SCRIPT = """
function applyFilters(){
  const on=new Set([...document.querySelectorAll('#filters input:checked')].map(i=>i.value));
  document.querySelectorAll('.msg').forEach(m=>{
    m.classList.toggle('hidden',!(on.has('rule:'+m.dataset.rule)&&on.has('level:'+m.dataset.level)));});
  document.querySelectorAll('mark').forEach(k=>{
    const m=document.getElementById(k.dataset.finding);
    k.classList.toggle('on',!!m&&!m.classList.contains('hidden'));});
}
document.addEventListener('change',e=>{if(e.target.closest('#filters'))applyFilters();});
document.addEventListener('DOMContentLoaded',applyFilters);
"""


def _colours(cat: str) -> str:
    _, colour, border = CATEGORIES[cat]
    return f"--c:{colour};--b:{border}"


class HtmlFormatter(Formatter):
    needs_source = True

    def start(self) -> None:
        self.sections: list[tuple[bool, str]] = []
        self.rows: list[tuple[int, str, Counter]] = []
        self.rules: set[str] = set()
        self.cats: dict[str, str] = {
            r.id: category(r) for r in self.options.get("rules", ()) if hasattr(r, "id")
        }

    def _cat(self, rule_id: str) -> str:
        return self.cats.get(rule_id, "other")

    def handle(self, result) -> None:
        n = len(self.sections)
        counts = Counter(f.rule for f in result.findings)
        self.rows.append((n, result.path, counts))
        self.rules.update(counts)
        section = self._section(n, result)
        if result.findings or result.errors:
            self.sections.append((True, section))
        else:
            summary = f"{_escape(result.path)} — no findings"
            self.sections.append(
                (False, f'<details class="clean"><summary>{summary}</summary>{section}</details>')
            )

    def _section(self, n: int, result) -> str:
        esc = _escape
        text = self.source = result.source
        out = [
            f'<section id="f{n}"><h2>{esc(result.path)} <small>'
            f"({len(result.findings)} finding(s), {esc(result.language)})</small></h2>"
        ]
        for error in result.errors:
            out.append(f'<p class="err">{esc(error)}</p>')
        lines = _lines(text)
        findings = list(result.findings)
        by_line = defaultdict(list)
        for k, f in enumerate(findings):
            by_line[f.end_line].append((k, f))
        front = _front_matter_end(lines)
        if front:
            rows = []
            for number in range(1, front + 1):
                start, line = lines[number - 1]
                if line.strip() == "---":
                    continue
                body = self._highlight(line, start, n, findings)
                rows.append(f'<tr class="ln" id="f{n}-L{number}"><td>{body}</td></tr>')
            out.append(f'<table class="fm">{"".join(rows)}</table>')
            out += self._messages(n, by_line, range(1, front + 1))
        out.append('<div class="prose">')
        paragraph: list[tuple[int, int, str]] = []

        def flush():
            if not paragraph:
                return
            first = paragraph[0][0]
            parts = []
            heading = False
            for number, start, line in paragraph:
                cut = _heading_mark(line) if len(paragraph) == 1 else 0
                heading = heading or bool(cut)
                body = self._highlight(line[cut:], start + cut, n, findings)
                parts.append(f'<span class="ln" id="f{n}-L{number}">{body}</span>')
            tag = "div" if heading else "p"
            css = ' class="h"' if heading else ""
            out.append(f'<{tag}{css}><span class="no">{first}</span>{"".join(parts)}</{tag}>')
            out.extend(self._messages(n, by_line, [number for number, _, _ in paragraph]))
            paragraph.clear()

        for number in range(front + 1, len(lines) + 1):
            start, line = lines[number - 1]
            if not line.strip():
                flush()
                if by_line.get(number):
                    out.extend(self._messages(n, by_line, [number]))
                continue
            paragraph.append((number, start, line))
        flush()
        out.append("</div></section>")
        return "\n".join(out)

    def _messages(self, n: int, by_line, numbers) -> list[str]:
        esc = _escape
        out = []
        for number in numbers:
            for k, f in by_line.get(number, ()):
                cat = self._cat(f.rule)
                links = " ".join(
                    f'<a href="#f{n}-L{r.line}">{esc(r.message)} (line {r.line})</a>'
                    for r in f.related
                )
                title = f' title="{esc(f.detail)}"' if f.detail else ""
                out.append(
                    f'<div class="msg {f.level} cat-{cat}" id="f{n}-m{k}" style="{_colours(cat)}"'
                    f' data-rule="{esc(f.rule)}" data-level="{esc(f.level)}"'
                    f' data-category="{cat}"{title}>'
                    f'<span class="lv {esc(f.level)}">{esc(f.level)}</span>'
                    f'<span class="rule">{esc(f.rule)}</span>{esc(f.message)} {links}'
                    f"{_fix(f, self.source)}</div>"
                )
        return out

    def _highlight(self, line: str, offset: int, n: int, findings) -> str:
        """The line's text with a <mark> per finding around what it covers; a finding inside
        another one is a <mark> inside the other's (the longer one outside)."""
        end = offset + len(line)
        cuts = {0, len(line)}
        covering = []
        for k, f in enumerate(findings):
            if f.start < end and f.end > offset and f.end > f.start:
                covering.append((k, f))
                cuts.add(max(0, f.start - offset))
                cuts.add(min(len(line), f.end - offset))
        if not covering:
            return _escape(line)
        # outermost first: the longer span, then the earlier start
        covering.sort(key=lambda kf: (-(kf[1].end - kf[1].start), kf[1].start, kf[0]))
        pieces = []
        points = sorted(cuts)
        for a, b in zip(points, points[1:], strict=False):
            piece = _escape(line[a:b])
            for k, f in reversed(covering):
                if f.start - offset <= a and f.end - offset >= b:
                    cat = self._cat(f.rule)
                    title = _escape(f"{f.rule}: {f.message}")
                    piece = (
                        f'<mark class="on cat-{cat}" style="{_colours(cat)}" '
                        f'data-finding="f{n}-m{k}" title="{title}">{piece}</mark>'
                    )
            pieces.append(piece)
        return "".join(pieces)

    def finish(self, summary: Summary) -> None:
        esc = _escape
        rules = sorted(self.rules)
        head = "".join(f"<th>{esc(r)}</th>" for r in rules)
        ordered = [r for r in self.rows if sum(r[2].values())] + [
            r for r in self.rows if not sum(r[2].values())
        ]
        rows = "".join(
            f'<tr><td><a href="#f{i}">{esc(path)}</a></td>'
            + "".join(f"<td>{counts.get(r, '')}</td>" for r in rules)
            + f"<td>{sum(counts.values())}</td></tr>"
            for i, path, counts in ordered
        )
        used = sorted({self._cat(r) for r in rules}, key=list(CATEGORIES).index)
        legend = "".join(
            f'<span data-category="{cat}"><i style="background:{CATEGORIES[cat][1]};'
            f'border-color:{CATEGORIES[cat][2]}"></i>{esc(CATEGORIES[cat][0])}</span>'
            for cat in used
        )
        filters = (
            "".join(
                f'<label><input type="checkbox" checked value="rule:{esc(r)}"> {esc(r)}</label>'
                for r in rules
            )
            + " | "
            + "".join(
                f'<label><input type="checkbox" checked value="level:{lv}"> {lv}</label>'
                for lv in ("error", "warning", "info")
            )
        )
        sections = [s for found, s in self.sections if found]
        sections += [s for found, s in self.sections if not found]
        self.stream.write(
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>lintnews report</title><style>{STYLE}</style><script>{SCRIPT}</script>"
            f"</head><body><header><h1>lintnews report</h1>{summary.files} draft(s), "
            f"{summary.findings} finding(s): {summary.errors} error(s), {summary.warnings} "
            f"warning(s), {summary.infos} info(s) · lintnews {__version__}</header><main>"
            f'<table id="summary"><tr><th>draft</th>{head}<th>total</th></tr>{rows}</table>'
            f'<div id="legend">{legend}</div>'
            f'<div id="filters">{filters}</div>' + "\n".join(sections) + "</main></body></html>\n"
        )


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, text without its line end) of each line."""
    out = []
    start = 0
    for raw in text.splitlines(keepends=True):
        out.append((start, raw.rstrip("\r\n")))
        start += len(raw)
    return out


def _front_matter_end(lines: list[tuple[int, str]]) -> int:
    """The number of the line closing a YAML front matter (``---`` ... ``---``), else 0."""
    if not lines or lines[0][1].strip() != "---":
        return 0
    for number in range(2, min(len(lines), 200) + 1):
        if lines[number - 1][1].strip() in ("---", "..."):
            return number
    return 0


def _heading_mark(line: str) -> int:
    """The length of a Markdown ATX heading's ``# `` mark, else 0."""
    stripped = line.lstrip("#")
    hashes = len(line) - len(stripped)
    if 1 <= hashes <= 6 and stripped.startswith(" "):
        return hashes + 1
    return 0


def _fix(f, source: str) -> str:
    """The suggested fix in words: what it deletes, or what it writes instead of what."""
    if f.fix is None:
        return ""
    esc = _escape
    how = "Safe fix" if f.fix.safe else "Suggested fix (check it)"
    old = _short(source[f.fix.span.start : f.fix.span.end])
    if f.fix.replacement == "":
        what = f"delete <del>{esc(old)}</del>" if old else "delete it"
    else:
        new = esc(_short(f.fix.replacement))
        what = f"<del>{esc(old)}</del> → <ins>{new}</ins>" if old else f"insert <ins>{new}</ins>"
    return f'<span class="fix">✎ {how}: {what}</span>'


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@hookimpl
def lintnews_formats():
    return {"html": HtmlFormatter}
