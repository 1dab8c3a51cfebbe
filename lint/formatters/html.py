"""`--format html`: one self-contained review page for newsroom editors.

The page has a summary (findings by severity and category, the worst
articles first), filters by severity and category (inline script; nothing is
loaded from anywhere), then each article's text with the flagged spans
highlighted and the findings listed beside their lines. Related locations
(the other side of a contradiction) are links between line anchors.

Safety: every piece of article text, every path, message and rule name is
HTML-escaped; the only script is the fixed filter code below, which reads
data attributes and never builds markup from them.

Size: only articles with findings are shown. Over a large run (when the
flagged articles' text exceeds ``FULL_TEXT_BUDGET`` characters) or for a very
long article, only the flagged lines with a little context are shown, so a
report over thousands of articles stays a few megabytes.

Output is deterministic: the same report gives the same bytes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from lint import __version__
from lint.formatters.base import Formatter, plural
from lint.model import Diagnostic, Report, Severity

#: above this many characters of flagged-article text, show flagged lines with context only
FULL_TEXT_BUDGET = 4_000_000
#: an article longer than this many lines is always shown as flagged lines with context
LONG_ARTICLE_LINES = 400
CONTEXT_LINES = 2
#: articles are expanded by default when there are at most this many
OPEN_ARTICLES = 30

_SEVERITIES = ("error", "warning", "info")
_RANK = {"error": 3, "warning": 2, "info": 1}
_NAMES = {rank: name for name, rank in _RANK.items()}


def esc(value: object) -> str:
    """Escape for text and double-quoted attributes; undecodable bytes (lone surrogates) become U+FFFD."""
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        text = text.encode("utf-8", "replace").decode("utf-8")
    return html.escape(text, quote=True)


@dataclass
class _Finding:
    """One diagnostic as the page shows it."""

    id: str
    diag: Diagnostic

    @property
    def sev(self) -> str:
        return str(self.diag.severity)


@dataclass
class _Article:
    path: str
    anchor: str
    findings: list[_Finding] = field(default_factory=list)
    lines: list[str] | None = None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.sev == severity)

    @property
    def worst(self) -> str:
        return max((f.sev for f in self.findings), key=_RANK.__getitem__, default="info")

    def rank_key(self) -> tuple:
        return (-self.count("error"), -self.count("warning"), -self.count("info"), self.path)


class HtmlFormatter(Formatter):
    name = "html"
    surrogates = "backslashreplace"

    def render(self, report: Report) -> str:
        articles = self._articles(report)
        full_text = sum(sum(len(line) + 1 for line in a.lines or ()) for a in articles) <= FULL_TEXT_BUDGET
        categories = sorted({d.category for d in report.diagnostics})
        out: list[str] = [_HEAD]
        out.append('<header><h1>newslint review report</h1>')
        out.append(f'<p class="meta">newslint {esc(__version__)} · {esc(_overview(report, articles))}</p></header>\n')
        out.append(_summary(report, articles, categories))
        if report.diagnostics:
            out.append(_filters(report, categories))
        out.append('<main id="articles">\n')
        for article in articles:
            out.append(self._article(article, articles, full_text, len(articles) <= OPEN_ARTICLES))
        out.append('</main>\n')
        out.append(self._glossary(report))
        out.append(f'<script>{_SCRIPT}</script>\n</body>\n</html>\n')
        return "".join(out)

    # -- data -----------------------------------------------------------------

    def _articles(self, report: Report) -> list[_Article]:
        by_path: dict[str, _Article] = {}
        for diag in report.diagnostics:
            article = by_path.get(diag.path)
            if article is None:
                article = by_path[diag.path] = _Article(diag.path, "")
            article.findings.append(_Finding("", diag))
        articles = sorted(by_path.values(), key=_Article.rank_key)
        counter = 0
        for index, article in enumerate(articles, 1):
            article.anchor = f"a{index}"
            article.lines = self._read_all(article.path)
            for finding in article.findings:
                counter += 1
                finding.id = f"f{counter}"
        return articles

    def _read_all(self, path: str) -> list[str] | None:
        lines: list[str] = []
        if self.read_line(path, 1) is None:
            return _read_file(path)  # a formatter built without a line reader (e.g. by a plugin)
        while True:
            line = self.read_line(path, len(lines) + 1)
            if line is None:
                break
            lines.append(line)
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()  # the empty "line" after a final newline
        return lines or None

    # -- one article -------------------------------------------------------------

    def _article(self, article: _Article, articles: list[_Article], full_text: bool, open_: bool) -> str:
        anchors = {a.path: a.anchor for a in articles}
        counts = " ".join(
            f'<span class="badge sev-{s}">{article.count(s)} {s}</span>' for s in _SEVERITIES if article.count(s))
        out = [
            f'<section class="article" id="{article.anchor}" data-worst="{article.worst}">',
            f'<details{" open" if open_ else ""}><summary><h2>{esc(article.path)}</h2> {counts}</summary>\n',
        ]
        findings_at: dict[int, list[str]] = {}
        for finding in article.findings:
            findings_at.setdefault(finding.diag.line, []).append(self._finding_item(finding, article, anchors))
            for rel in finding.diag.related:
                if rel["path"] == article.path:
                    findings_at.setdefault(rel["line"], []).append(
                        f'<li class="rel" data-for="{finding.id}">↳ {esc(rel["message"])} — related to '
                        f'<a href="#{article.anchor}-L{finding.diag.line}">{esc(finding.diag.rule)} on line '
                        f'{finding.diag.line}</a></li>')
        lines = article.lines
        if lines is None:
            out.append('<p class="unreadable">The text of this file could not be read for the report.</p>\n<ul class="findings">')
            for line_no in sorted(findings_at):
                out.extend(findings_at[line_no])
            out.append('</ul>\n')
        else:
            segments = _segments(article)
            rank = {f.id: _RANK[f.sev] for f in article.findings}
            show = _visible_lines(len(lines), sorted(findings_at), full_text and len(lines) <= LONG_ARTICLE_LINES)
            out.append('<div class="text">\n')
            previous = 0
            for line_no in show:
                if line_no > previous + 1:
                    skipped = line_no - previous - 1
                    out.append(f'<div class="gap">… {plural(skipped, "line")} not shown …</div>\n')
                previous = line_no
                items = findings_at.get(line_no)
                text = _highlight(lines[line_no - 1], segments.get(line_no, []), rank)
                cls = "ln flagged" if items else "ln"
                out.append(f'<div class="{cls}" id="{article.anchor}-L{line_no}"><span class="no">{line_no}</span>'
                           f'<span class="src">{text}</span>')
                if items:
                    out.append('<ul class="findings">' + "".join(items) + '</ul>')
                out.append('</div>\n')
            if previous < len(lines) and show:
                out.append(f'<div class="gap">… {plural(len(lines) - previous, "line")} not shown …</div>\n')
            out.append('</div>\n')
        out.append('</details></section>\n')
        return "".join(out)

    def _finding_item(self, finding: _Finding, article: _Article, anchors: dict[str, str]) -> str:
        diag = finding.diag
        parts = [
            f'<li class="finding sev-{finding.sev}" id="{finding.id}" data-sev="{finding.sev}" '
            f'data-cat="{esc(diag.category)}"><a class="code" href="#rule-{esc(diag.rule)}" '
            f'title="{esc(diag.name)}">{esc(diag.rule)}</a> <span class="sev">{finding.sev}</span> '
            f'<span class="msg">{esc(diag.message)}</span>'
        ]
        if diag.fix is not None:
            parts.append(f' <span class="fix">suggested: “{esc(diag.fix["replacement"])}”</span>')
        for rel in diag.related:
            target = anchors.get(rel["path"])
            where = f'line {rel["line"]}' if rel["path"] == diag.path else f'{esc(rel["path"])}:{rel["line"]}'
            link = f'<a class="related" href="#{target}-L{rel["line"]}">{where}</a>' if target else where
            parts.append(f'<div class="relinfo">see {link}: {esc(rel["message"])}</div>')
        parts.append('</li>')
        return "".join(parts)

    def _glossary(self, report: Report) -> str:
        used: dict[str, int] = {}
        for diag in report.diagnostics:
            used[diag.rule] = used.get(diag.rule, 0) + 1
        if not used:
            return ""
        out = ['<section id="rules"><h2>Rules in this report</h2>\n']
        for code in sorted(used):
            rule = self.catalogue.get(code)
            name = rule.name if rule is not None else ""
            out.append(f'<details class="rule" id="rule-{esc(code)}"><summary><strong>{esc(code)}</strong> {esc(name)} '
                       f'— {plural(used[code], "finding")}</summary>')
            if rule is not None:
                out.append(f'<p>{esc(rule.summary)}</p><pre class="doc">{esc(rule.doc())}</pre>')
            out.append('</details>\n')
        out.append('</section>\n')
        return "".join(out)


def _read_file(path: str) -> list[str] | None:
    from lint.inputs import InputProblem, read_source

    try:
        text = read_source(path).text
    except InputProblem:
        return None
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines if text else None


# --------------------------------------------------------------------------
# Summary and filters


def _overview(report: Report, articles: list[_Article]) -> str:
    parts = [f"{plural(report.files, 'file')} checked", f"{plural(len(report.diagnostics), 'finding')}",
             f"{plural(len(articles), 'file')} with findings"]
    if report.suppressed:
        parts.append(f"{report.suppressed} suppressed inline")
    if report.baselined:
        parts.append(f"{report.baselined} in the baseline")
    return ", ".join(parts)


def _summary(report: Report, articles: list[_Article], categories: list[str]) -> str:
    if not report.diagnostics:
        return '<section id="summary"><p class="clean">No findings. Nothing to review.</p></section>\n'
    by_severity = report.count_by("severity")
    by_category = report.count_by("category")
    out = ['<section id="summary"><h2>Summary</h2><div class="tables">\n']
    out.append('<table><caption>By severity</caption><tbody>')
    for severity in _SEVERITIES:
        out.append(f'<tr><th><span class="dot sev-{severity}"></span>{severity}</th>'
                   f'<td>{by_severity.get(severity, 0)}</td></tr>')
    out.append('</tbody></table>\n<table><caption>By category</caption><tbody>')
    for category in categories:
        out.append(f'<tr><th>{esc(category)}</th><td>{by_category[category]}</td></tr>')
    out.append('</tbody></table></div>\n')
    out.append('<table class="worst"><caption>Articles, worst first</caption><thead><tr><th>article</th>'
               + "".join(f'<th>{s}</th>' for s in _SEVERITIES) + '</tr></thead><tbody>')
    for article in articles:
        cells = "".join(f'<td>{article.count(s) or ""}</td>' for s in _SEVERITIES)
        out.append(f'<tr><td><a href="#{article.anchor}">{esc(article.path)}</a></td>{cells}</tr>')
    out.append('</tbody></table></section>\n')
    return "".join(out)


def _filters(report: Report, categories: list[str]) -> str:
    out = ['<div id="filters" role="group" aria-label="filters"><fieldset><legend>Severity</legend>']
    for severity in _SEVERITIES:
        out.append(f'<label><input type="checkbox" data-filter="sev" value="{severity}" checked> {severity}</label>')
    out.append('</fieldset><fieldset><legend>Category</legend>')
    for category in categories:
        out.append(f'<label><input type="checkbox" data-filter="cat" value="{esc(category)}" checked> '
                   f'{esc(category)}</label>')
    out.append('</fieldset><p class="controls"><button type="button" id="expand">expand all</button> '
               '<button type="button" id="collapse">collapse all</button> '
               f'<span id="shown">{plural(len(report.diagnostics), "finding")} shown</span></p></div>\n')
    return "".join(out)


# --------------------------------------------------------------------------
# Highlighting


def _segments(article: _Article) -> dict[int, list[tuple[int, int, str, str]]]:
    """Per line, (start, end, finding id, role) in 0-based code points; role is "hit" or "rel"."""
    lines = article.lines or []
    out: dict[int, list[tuple[int, int, str, str]]] = {}

    def add(line: int, column: int, end_line: int, end_column: int, fid: str, role: str) -> None:
        for row in range(line, min(end_line, len(lines)) + 1):
            length = len(lines[row - 1])
            start = column - 1 if row == line else 0
            end = end_column - 1 if row == end_line else length
            start, end = min(start, length), min(end, length)
            if row != line and row == end_line and end == 0:
                continue  # the span stops at the start of this line
            out.setdefault(row, []).append((start, max(start, end), fid, role))

    for finding in article.findings:
        d = finding.diag
        add(d.line, d.column, d.end_line, d.end_column, finding.id, "hit")
        for rel in d.related:
            if rel["path"] == article.path:
                add(rel["line"], rel["column"], rel["end_line"], rel["end_column"], finding.id, "rel")
    return out


def _highlight(line: str, segments: list[tuple[int, int, str, str]], rank: dict[str, int]) -> str:
    """Escape ``line`` and wrap every flagged stretch in a <mark> naming the findings that cover it.

    Overlapping findings split the line at every boundary, so each stretch
    lists exactly the findings that cover it and is coloured by the worst of
    them; the script recolours it when filters hide some. Empty spans become
    a point marker.
    """
    if not segments:
        return esc(line)
    bounds = {0, len(line)}
    points: dict[int, list[str]] = {}
    spans = []
    for start, end, fid, role in segments:
        if start == end:
            if role == "hit":
                points.setdefault(start, []).append(fid)
                bounds.add(start)
            continue
        bounds.update((start, end))
        spans.append((start, end, fid, role))
    cuts = sorted(bounds)
    out = []
    for left, right in zip(cuts, cuts[1:]):
        out.append(_points(points.pop(left, None), rank))
        piece = esc(line[left:right])
        covering = [(fid, role) for s, e, fid, role in spans if s <= left and right <= e]
        hits = sorted({fid for fid, role in covering if role == "hit"}, key=_fid_order)
        rels = sorted({fid for fid, role in covering if role == "rel"}, key=_fid_order)
        if hits or rels:
            attrs = f' data-f="{" ".join(hits)}"' if hits else ""
            attrs += f' data-r="{" ".join(rels)}"' if rels else ""
            out.append(f'<mark class="{_mark_class(hits, rank, bool(rels))}"{attrs}>{piece}</mark>')
        else:
            out.append(piece)
    for position in sorted(points):
        out.append(_points(points[position], rank))
    return "".join(out)


def _mark_class(hits: list[str], rank: dict[str, int], related: bool, point: bool = False) -> str:
    best = max((rank[fid] for fid in hits), default=0)
    return "hl" + (" pt" if point else "") + (f" sev-{_NAMES[best]}" if best else " off") + (" rel" if related else "")


def _points(fids: list[str] | None, rank: dict[str, int]) -> str:
    if not fids:
        return ""
    fids = sorted(fids, key=_fid_order)
    return f'<mark class="{_mark_class(fids, rank, False, point=True)}" data-f="{" ".join(fids)}"></mark>'


def _fid_order(fid: str) -> int:
    return int(fid[1:])


def _visible_lines(count: int, flagged: list[int], everything: bool) -> list[int]:
    if everything:
        return list(range(1, count + 1))
    shown: set[int] = set()
    for line in flagged:
        shown.update(range(max(1, line - CONTEXT_LINES), min(count, line + CONTEXT_LINES) + 1))
    return sorted(shown)


# --------------------------------------------------------------------------
# The fixed parts of the page

_HEAD = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newslint">
<title>newslint review report</title>
<style>
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; --err-bg: #fde0e0; --warn-bg: #fff0c2; --info-bg: #e1ecfb;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; background: #fafafa; }
body { margin: 0 auto; max-width: 78rem; padding: 1rem 1.5rem 4rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin: 0; display: inline; }
.meta { color: #555; margin-top: 0; }
.tables { display: flex; gap: 2rem; flex-wrap: wrap; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .2rem; }
th, td { text-align: left; padding: .15rem .8rem .15rem 0; border-bottom: 1px solid #e3e3e3; font-weight: normal; }
table.worst td:not(:first-child), table.worst th:not(:first-child) { text-align: right; min-width: 3.5rem; }
.dot { display: inline-block; width: .7rem; height: .7rem; border-radius: 50%; margin-right: .4rem; }
.dot.sev-error { background: var(--err); } .dot.sev-warning { background: var(--warn); } .dot.sev-info { background: var(--info); }
#filters { position: sticky; top: 0; background: #fafafa; border-bottom: 1px solid #ddd; padding: .4rem 0; z-index: 2;
  display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; align-items: center; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: .8rem; flex-wrap: wrap; }
#filters legend { font-weight: 600; float: left; margin-right: .6rem; }
#filters .controls { margin: 0; } #shown { color: #555; margin-left: .6rem; }
.article { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 1rem 0; }
.article summary { padding: .6rem .9rem; cursor: pointer; }
.badge { font-size: .8rem; border-radius: 1rem; padding: .05rem .55rem; margin-left: .4rem; }
.badge.sev-error { background: var(--err-bg); color: var(--err); } .badge.sev-warning { background: var(--warn-bg); color: var(--warn); }
.badge.sev-info { background: var(--info-bg); color: var(--info); }
.text { border-top: 1px solid #eee; padding: .4rem 0; }
.ln { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr) minmax(0, 24rem); gap: 0 1rem; padding: .1rem .9rem .1rem 0; }
.ln.flagged { background: #fcfcf4; } .ln.flagged.dim { background: none; }
.no { color: #999; text-align: right; font-size: .8rem; padding-top: .15rem; user-select: none; }
.src { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif; font-size: 1.02rem; }
.gap { color: #888; font-style: italic; padding: .2rem 4.2rem; font-size: .85rem; }
.ln:target { outline: 2px solid #7b1fa2; outline-offset: -2px; }
mark.hl { background: none; color: inherit; border-radius: 2px; }
mark.sev-error { background: var(--err-bg); box-shadow: inset 0 -2px var(--err); }
mark.sev-warning { background: var(--warn-bg); box-shadow: inset 0 -2px var(--warn); }
mark.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px var(--info); }
mark.rel { text-decoration: underline dotted #7b1fa2 2px; text-underline-offset: 3px; }
mark.pt { display: inline-block; width: 0; height: 1em; vertical-align: text-bottom; box-shadow: none; position: relative; }
mark.pt::before { content: "▾"; position: absolute; left: -.3em; top: -.75em; font-size: .8em; }
mark.pt.sev-error::before { color: var(--err); } mark.pt.sev-warning::before { color: var(--warn); } mark.pt.sev-info::before { color: var(--info); }
mark.pt.off::before { content: none; }
ul.findings { list-style: none; margin: 0; padding: 0; font-size: .88rem; grid-column: 3; }
li.finding { border-left: 3px solid; padding: .05rem .5rem; margin: .15rem 0; }
li.finding.sev-error { border-color: var(--err); } li.finding.sev-warning { border-color: var(--warn); }
li.finding.sev-info { border-color: var(--info); }
li.rel { color: #6a1b9a; padding: .05rem .5rem; }
.code { font-weight: 600; color: inherit; } .sev { color: #666; font-size: .8rem; }
.fix { color: #2e7d32; } .relinfo { color: #6a1b9a; }
.unreadable { padding: 0 .9rem; color: #666; }
.article > details > ul.findings { padding: 0 .9rem .6rem; }
#rules pre.doc { white-space: pre-wrap; font-family: inherit; background: #fff; border: 1px solid #eee; padding: .5rem; }
#rules details { margin: .3rem 0; }
[hidden] { display: none !important; }
@media (max-width: 60rem) { .ln { grid-template-columns: 2.6rem minmax(0, 1fr); } ul.findings { grid-column: 2; } }
@media print { #filters { display: none; } details { display: block; } }
</style>
</head>
<body>
"""

# The only script: recolours highlights and hides findings and articles as the
# filters change. It reads data attributes and sets classes; it never writes markup.
_SCRIPT = r"""
(function () {
  "use strict";
  var RANK = {info: 1, warning: 2, error: 3};
  var NAME = ["", "info", "warning", "error"];
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[type=checkbox]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var articles = Array.prototype.slice.call(document.querySelectorAll("section.article"));
  var severityOf = {};
  findings.forEach(function (li) { severityOf[li.id] = RANK[li.getAttribute("data-sev")] || 1; });
  function ids(value) { return value ? value.split(" ") : []; }
  function apply() {
    var sev = {}, cat = {}, visible = {}, shown = 0;
    boxes.forEach(function (box) {
      if (box.checked) { (box.getAttribute("data-filter") === "sev" ? sev : cat)[box.value] = true; }
    });
    findings.forEach(function (li) {
      var on = sev[li.getAttribute("data-sev")] === true && cat[li.getAttribute("data-cat")] === true;
      li.hidden = !on;
      if (on) { visible[li.id] = true; shown += 1; }
    });
    marks.forEach(function (mark) {
      var best = 0, related = false;
      ids(mark.getAttribute("data-f")).forEach(function (id) {
        if (visible[id] && severityOf[id] > best) { best = severityOf[id]; }
      });
      ids(mark.getAttribute("data-r")).forEach(function (id) { if (visible[id]) { related = true; } });
      mark.className = "hl" + (mark.classList.contains("pt") ? " pt" : "") +
        (best ? " sev-" + NAME[best] : " off") + (related ? " rel" : "");
    });
    Array.prototype.forEach.call(document.querySelectorAll("li.rel"), function (li) {
      li.hidden = !visible[li.getAttribute("data-for")];
    });
    articles.forEach(function (section) {
      var any = section.querySelector("li.finding:not([hidden])") !== null;
      section.hidden = !any;
      Array.prototype.forEach.call(section.querySelectorAll(".ln.flagged"), function (line) {
        line.classList.toggle("dim", line.querySelector("li:not([hidden])") === null);
      });
    });
    var counter = document.getElementById("shown");
    if (counter) { counter.textContent = shown + " of " + findings.length + " findings shown"; }
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  function openAll(open) {
    Array.prototype.forEach.call(document.querySelectorAll("section.article > details"), function (d) { d.open = open; });
  }
  var expand = document.getElementById("expand"), collapse = document.getElementById("collapse");
  if (expand) { expand.addEventListener("click", function () { openAll(true); }); }
  if (collapse) { collapse.addEventListener("click", function () { openAll(false); }); }
  // Following a link into a collapsed article opens it.
  function reveal() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var details = target ? target.closest("details") : null;
    if (details && !details.open) { details.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  apply();
})();
"""
