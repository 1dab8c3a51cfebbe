"""The site and author report of `newslint scan`: summary.json and report.html.

Rates are findings per 1,000 articles, by category and by rule, for each
site (the record's ``site`` field, else its URL's host) and each author.
Findings about newslint itself (category ``internal``: malformed records,
crashed rules) are counted overall but left out of the site and author rates.

Worst first means: most warning-or-error findings per 1,000 articles, then
most findings of any severity per 1,000, then by name. A site or author with
fewer than ``min_articles`` articles is listed after the others (marked
``small_sample``): three articles with one finding each say little about a
site.

The HTML page is self-contained like `--format html`: inline CSS, one inline
SVG bar chart per category, no script at all, and every name and message
HTML-escaped. The same counts give the same bytes.
"""

from __future__ import annotations

from typing import Any

from lint import __version__
from lint.formatters.html import esc

SEVERITIES = ("error", "warning", "info")
SERIOUS = ("error", "warning")
MIN_ARTICLES = 10
CHART_ROWS = 15
TABLE_ROWS = 100


def rate(count: int, articles: int) -> float:
    return round(count * 1000 / articles, 1) if articles else 0.0


def _profile(name: str, entry: dict[str, Any], rules: dict[str, list[str]], min_articles: int, label: str) -> dict:
    articles = entry["articles"]
    by_severity: dict[str, int] = {}
    by_category: dict[str, dict[str, int]] = {}
    by_rule: dict[str, int] = {}
    for rule, severities in entry["findings"].items():
        category = rules.get(rule, ["", "unknown"])[1]
        for severity, count in severities.items():
            by_severity[severity] = by_severity.get(severity, 0) + count
            by_rule[rule] = by_rule.get(rule, 0) + count
            cell = by_category.setdefault(category, {})
            cell[severity] = cell.get(severity, 0) + count
    findings = sum(by_severity.values())
    serious = sum(by_severity.get(s, 0) for s in SERIOUS)
    return {
        label: name,
        "articles": articles,
        "findings": findings,
        "per_1000": rate(findings, articles),
        "serious_per_1000": rate(serious, articles),
        "by_severity": dict(sorted(by_severity.items())),
        "by_category": {cat: {"findings": sum(cell.values()), "per_1000": rate(sum(cell.values()), articles),
                              "by_severity": dict(sorted(cell.items()))}
                        for cat, cell in sorted(by_category.items())},
        "by_rule": {rule: {"findings": n, "per_1000": rate(n, articles)} for rule, n in sorted(by_rule.items())},
        "small_sample": articles < min_articles,
        "_order": (articles < min_articles, -serious / max(articles, 1), -findings / max(articles, 1), name),
    }


def ranked(group: dict[str, dict[str, Any]], rules: dict[str, list[str]], min_articles: int, label: str) -> list[dict]:
    profiles = [_profile(name, entry, rules, min_articles, label) for name, entry in group.items()]
    profiles.sort(key=lambda p: p["_order"])
    for profile in profiles:
        del profile["_order"]
    return profiles


def build_summary(stats: dict[str, Any], *, archives: list[str], partitions: int, corpus_findings: int,
                  min_articles: int = MIN_ARTICLES) -> dict[str, Any]:
    """summary.json: deterministic (no timings), so a resumed run writes the same file as an uninterrupted one."""
    rules = stats["rules"]
    return {
        "newslint": __version__,
        "archives": archives,
        "partitions": partitions,
        "records": stats["records"],
        "articles": stats["linted"],
        "malformed_records": stats["malformed"],
        "diagnostics": stats["diagnostics"],
        "corpus_diagnostics": corpus_findings,
        "internal_errors": stats["internal_errors"],
        "by_severity": dict(sorted(stats["by_severity"].items())),
        "findings_by_severity": dict(sorted(stats["findings_by_severity"].items())),
        "by_category": dict(sorted(stats["by_category"].items())),
        "by_rule": dict(sorted(stats["by_rule"].items())),
        "rules": {code: {"name": info[0], "category": info[1]} for code, info in sorted(rules.items())},
        "min_articles": min_articles,
        "sites": ranked(stats["sites"], rules, min_articles, "site"),
        "authors": ranked(stats["authors"], rules, min_articles, "author"),
    }


# --------------------------------------------------------------------------
# HTML


def render_html(summary: dict[str, Any]) -> str:
    categories = sorted({cat for site in summary["sites"] for cat in site["by_category"]})
    out = [_HEAD, "<header><h1>newslint archive report</h1>"]
    out.append(f'<p class="meta">newslint {esc(summary["newslint"])} · {esc(_overview(summary))}</p></header>\n')
    if not summary["sites"]:
        out.append('<p class="clean">No articles were linted.</p>\n')
    elif not categories:
        out.append('<p class="clean">No findings. Nothing to review.</p>\n')
    else:
        out.append('<section id="charts"><h2>Findings per 1,000 articles, by category</h2>\n'
                   f'<p class="note">The {CHART_ROWS} worst sites in each category (most warnings and errors '
                   'per 1,000 articles first), bars split by severity: '
                   + " ".join(f'<span class="key bar-{s}"></span>{s}' for s in SEVERITIES) + '. '
                   f'Sites with fewer than {summary["min_articles"]} articles are left out of the charts '
                   'when larger ones exist.</p>\n')
        for category in categories:
            out.append(_chart(category, summary["sites"], summary["min_articles"]))
        out.append('</section>\n')
    out.append(_table("Sites, worst first", "site", summary["sites"], categories))
    out.append(_table("Authors, worst first", "author", summary["authors"], categories))
    out.append(_rules_table(summary))
    out.append("</body>\n</html>\n")
    return "".join(out)


def _overview(summary: dict[str, Any]) -> str:
    parts = [f'{summary["articles"]:,} articles', f'{summary["diagnostics"]:,} findings',
             f'{len(summary["sites"]):,} sites', f'{len(summary["authors"]):,} authors']
    if summary["malformed_records"]:
        parts.append(f'{summary["malformed_records"]:,} malformed records skipped')
    return ", ".join(parts)


def _chart(category: str, sites: list[dict[str, Any]], min_articles: int) -> str:
    """A horizontal bar chart: per site, this category's findings per 1,000 articles, stacked by severity."""
    present = [s for s in sites if category in s["by_category"]]
    large = [s for s in present if not s["small_sample"]]
    chosen = large or present

    def key(site: dict[str, Any]) -> tuple:
        cell = site["by_category"][category]
        serious = sum(cell["by_severity"].get(s, 0) for s in SERIOUS) / site["articles"]
        return (-serious, -cell["findings"] / site["articles"], site["site"])

    chosen = sorted(chosen, key=key)[:CHART_ROWS]
    rates = {s["site"]: {sev: s["by_category"][category]["by_severity"].get(sev, 0) * 1000 / s["articles"]
                         for sev in SEVERITIES} for s in chosen}
    top = max((sum(r.values()) for r in rates.values()), default=0) or 1
    label_w, bar_w, row_h, pad = 210, 420, 22, 6
    width, height = label_w + bar_w + 90, pad * 2 + row_h * len(chosen) + 18
    out = [f'<figure class="chart"><figcaption>{esc(category)}</figcaption>'
           f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-label="{esc(category)} findings per 1,000 articles by site">']
    for index, site in enumerate(chosen):
        y = pad + index * row_h
        name = site["site"]
        shown = name if len(name) <= 32 else name[:31] + "…"
        out.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" class="lbl"><title>{esc(name)}</title>'
                   f'{esc(shown)}</text>')
        x = float(label_w)
        for severity in SEVERITIES:
            value = rates[name][severity]
            if not value:
                continue
            w = value / top * bar_w
            out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 6}" '
                       f'class="bar-{severity}"><title>{esc(name)}: {value:.1f} {severity} per 1,000</title></rect>')
            x += w
        total = site["by_category"][category]["per_1000"]
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}" class="val">{total:,.1f}</text>')
    axis_y = pad + row_h * len(chosen) + 14
    out.append(f'<text x="{label_w}" y="{axis_y}" class="axis">0</text>'
               f'<text x="{label_w + bar_w}" y="{axis_y}" text-anchor="end" class="axis">{top:,.1f} per 1,000 articles'
               '</text></svg></figure>\n')
    return "".join(out)


def _table(caption: str, label: str, rows: list[dict[str, Any]], categories: list[str]) -> str:
    if not rows:
        return ""
    head = "".join(f'<th class="num">{esc(c)}</th>' for c in categories)
    out = [f'<section><h2>{esc(caption)}</h2>']
    if len(rows) > TABLE_ROWS:
        out.append(f'<p class="note">The first {TABLE_ROWS} of {len(rows):,}; summary.json lists them all.</p>')
    out.append(f'<table><thead><tr><th>{label}</th><th class="num">articles</th><th class="num">warning+ per 1,000</th>'
               f'<th class="num">all per 1,000</th>{head}</tr></thead><tbody>')
    for row in rows[:TABLE_ROWS]:
        cells = "".join(f'<td class="num">{row["by_category"][c]["per_1000"]:,.1f}</td>' if c in row["by_category"]
                        else '<td class="num"></td>' for c in categories)
        small = ' class="small" title="few articles: a rough rate"' if row["small_sample"] else ""
        out.append(f'<tr{small}><td>{esc(row[label])}</td><td class="num">{row["articles"]:,}</td>'
                   f'<td class="num">{row["serious_per_1000"]:,.1f}</td><td class="num">{row["per_1000"]:,.1f}</td>'
                   f'{cells}</tr>')
    out.append("</tbody></table></section>\n")
    return "".join(out)


def _rules_table(summary: dict[str, Any]) -> str:
    if not summary["by_rule"]:
        return ""
    articles = summary["articles"]
    out = ['<section><h2>Rules</h2><table><thead><tr><th>rule</th><th>name</th><th>category</th>'
           '<th class="num">findings</th><th class="num">per 1,000 articles</th></tr></thead><tbody>']
    for code, count in sorted(summary["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
        info = summary["rules"].get(code, {"name": "", "category": ""})
        out.append(f'<tr><td>{esc(code)}</td><td>{esc(info["name"])}</td><td>{esc(info["category"])}</td>'
                   f'<td class="num">{count:,}</td><td class="num">{rate(count, articles):,.1f}</td></tr>')
    out.append("</tbody></table></section>\n")
    return "".join(out)


_HEAD = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newslint">
<title>newslint archive report</title>
<style>
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; background: #fafafa; }
body { margin: 0 auto; max-width: 78rem; padding: 1rem 1.5rem 4rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; }
.meta, .note { color: #555; margin-top: 0; }
figure.chart { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: .8rem 0; padding: .5rem .8rem; }
figcaption { font-weight: 600; }
svg .lbl { font-size: 12px; fill: #1d1d1f; } svg .val, svg .axis { font-size: 11px; fill: #555; }
svg .bar-error { fill: var(--err); } svg .bar-warning { fill: var(--warn); } svg .bar-info { fill: var(--info); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .15rem .8rem .15rem 0; border-bottom: 1px solid #e3e3e3; font-weight: normal; }
thead th { font-weight: 600; }
th.num, td.num { text-align: right; padding-left: .8rem; }
tr.small td { color: #777; }
.key { display: inline-block; width: .8rem; height: .8rem; margin: 0 .25rem 0 .4rem; vertical-align: -.1rem; }
.key.bar-error { background: var(--err); } .key.bar-warning { background: var(--warn); } .key.bar-info { background: var(--info); }
.clean { font-size: 1.1rem; }
</style>
</head>
<body>
"""
