"""A self-contained HTML report for editors: summary, drafts with findings in place, filters.

No external assets: styles and the small filter script are inline. Each finding is
highlighted in the draft's text with its message beside the line; a related location (the
earlier copy, the majority spelling) is a link to its line.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .. import __version__
from ..errors import printable
from ..plugin import hookimpl
from . import Formatter, Summary


def _escape(text: str) -> str:
    import html  # imported when a report is written (not on every start)

    return html.escape(printable(text))  # control characters shown as \x1b


STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1d3557;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
main{padding:16px 24px;max-width:1100px}
table{border-collapse:collapse;margin:12px 0;background:#fff}
td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}th{background:#eef}
#filters{position:sticky;top:0;background:#fafafa;padding:8px 0;border-bottom:1px solid #ddd}
#filters label{margin-right:14px;white-space:nowrap}
section{background:#fff;border:1px solid #ddd;border-radius:6px;margin:18px 0;padding:8px 0}
section h2{font-size:16px;margin:4px 16px 10px}
.line{display:flex;font:13px/1.6 ui-monospace,monospace;white-space:pre-wrap}
.line .no{width:48px;flex:none;text-align:right;padding-right:12px;color:#999}
.line .tx{flex:1;padding-right:16px;word-break:break-word}
.line:target{background:#fff3bf}
mark{border-radius:2px;padding:0 1px}
mark.on.error{background:#ffc9c9}mark.on.warning{background:#ffe8a3}mark.on.info{background:#d0ebff}
mark:not(.on){background:none}
.msg{margin:2px 16px 6px 60px;padding:3px 8px;font-size:13px;border-left:4px solid #f59f00;
background:#fff9db}.msg.error{border-color:#e03131;background:#fff5f5}
.msg.info{border-color:#1c7ed6;background:#e7f5ff}.msg .rule{font-weight:600;margin-right:6px}
.hidden{display:none}
"""

SCRIPT = """
function applyFilters(){
  const on=new Set([...document.querySelectorAll('#filters input:checked')].map(i=>i.value));
  document.querySelectorAll('.msg').forEach(m=>{
    m.classList.toggle('hidden',!(on.has('rule:'+m.dataset.rule)&&on.has('level:'+m.dataset.level)));});
  document.querySelectorAll('mark').forEach(k=>{
    const any=k.dataset.findings.split(' ').some(id=>{
      const m=document.getElementById(id);return m&&!m.classList.contains('hidden');});
    k.classList.toggle('on',any);});
}
document.addEventListener('change',e=>{if(e.target.closest('#filters'))applyFilters();});
document.addEventListener('DOMContentLoaded',applyFilters);
"""


class HtmlFormatter(Formatter):
    needs_source = True

    def start(self) -> None:
        self.sections: list[str] = []
        self.rows: list[tuple[str, Counter]] = []
        self.rules: set[str] = set()
        self.levels: set[str] = set()

    def handle(self, result) -> None:
        n = len(self.sections)
        counts = Counter(f.rule for f in result.findings)
        self.rows.append((result.path, counts))
        self.rules.update(counts)
        self.levels.update(f.level for f in result.findings)
        self.sections.append(self._section(n, result))

    def _section(self, n: int, result) -> str:
        esc = _escape
        text = result.source
        out = [
            f'<section id="f{n}"><h2>{esc(result.path)} '
            f"<small>({len(result.findings)} finding(s), {esc(result.language)})</small></h2>"
        ]
        for error in result.errors:
            out.append(f'<div class="msg error">{esc(error)}</div>')
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                starts.append(i + 1)
        by_line = defaultdict(list)
        for k, f in enumerate(result.findings):
            by_line[f.end_line].append((k, f))
        for number, start in enumerate(starts, 1):
            end = starts[number] if number < len(starts) else len(text)
            line_text = text[start:end].rstrip("\r\n")
            body = _highlight(line_text, start, n, result.findings)
            out.append(
                f'<div class="line" id="f{n}-L{number}"><span class="no">{number}</span>'
                f'<span class="tx">{body}</span></div>'
            )
            for k, f in by_line.get(number, ()):
                links = " ".join(
                    f'<a href="#f{n}-L{r.line}">{esc(r.message)} (line {r.line})</a>'
                    for r in f.related
                )
                out.append(
                    f'<div class="msg {f.level}" id="f{n}-m{k}" data-rule="{esc(f.rule)}" '
                    f'data-level="{f.level}"><span class="rule">{esc(f.rule)}</span>'
                    f"{esc(f.message)} {links}</div>"
                )
        out.append("</section>")
        return "\n".join(out)

    def finish(self, summary: Summary) -> None:
        esc = _escape
        rules = sorted(self.rules)
        head = "".join(f"<th>{esc(r)}</th>" for r in rules)
        rows = "".join(
            f'<tr><td><a href="#f{i}">{esc(path)}</a></td>'
            + "".join(f"<td>{counts.get(r, '')}</td>" for r in rules)
            + f"<td>{sum(counts.values())}</td></tr>"
            for i, (path, counts) in enumerate(self.rows)
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
        self.stream.write(
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>lintnews report</title><style>{STYLE}</style><script>{SCRIPT}</script>"
            f"</head><body><header><h1>lintnews report</h1>{summary.files} draft(s), "
            f"{summary.findings} finding(s): {summary.errors} error(s), {summary.warnings} "
            f"warning(s), {summary.infos} info(s) · lintnews {__version__}</header><main>"
            f'<table id="summary"><tr><th>draft</th>{head}<th>total</th></tr>{rows}</table>'
            f'<div id="filters">{filters}</div>'
            + "\n".join(self.sections)
            + "</main></body></html>\n"
        )


def _highlight(line: str, offset: int, n: int, findings) -> str:
    """The line's text with <mark> around every piece covered by findings."""
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
    pieces = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:], strict=False):
        piece = _escape(line[a:b])
        here = [(k, f) for k, f in covering if f.start - offset <= a and f.end - offset >= b]
        if here:
            level = max((f.level for _, f in here), key=("info", "warning", "error").index)
            ids = " ".join(f"f{n}-m{k}" for k, _ in here)
            title = _escape("; ".join(f"{f.rule}: {f.message}" for _, f in here))
            pieces.append(
                f'<mark class="on {level}" data-findings="{ids}" title="{title}">{piece}</mark>'
            )
        else:
            pieces.append(piece)
    return "".join(pieces)


@hookimpl
def lintnews_formats():
    return {"html": HtmlFormatter}
