"""The 通报 as one self-contained HTML file: the notice, inline-SVG charts and the 附件 tables.

Every scraped string goes through ``esc``; the page carries no script and a Content-Security-Policy
that forbids any, so a hostile title on an inspected site cannot run in the reader's browser.
"""

from __future__ import annotations

import html
import re

from exports.report.data import PLATFORM_NAMES, RULE_NAMES, Inspection
from exports.report.notice import BUCKET_NAMES, MINOR, Link, Notice, Para, platforms_of, veto_categories
from exports.report.numbers import ACCOUNT_DIGITS, rate, ratio

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'")
STYLE = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;color:#1d1d1f;background:#f4f1ea;margin:0}
main{max-width:1080px;margin:24px auto;background:#fff;padding:40px 56px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:26px;text-align:center;color:#b0120a;margin:0 0 6px;line-height:1.5}
.sub{text-align:center;color:#555;font-size:14px;margin-bottom:24px}
h2{font-size:20px;border-left:5px solid #b0120a;padding-left:10px;margin:32px 0 12px}
p{font-size:16px;line-height:2;text-indent:2em;margin:8px 0;text-align:justify}
a{color:#0b4f9c;text-decoration:none;border-bottom:1px dotted #0b4f9c}
.cards{display:flex;gap:16px;flex-wrap:wrap;margin:8px 0 20px}
.card{flex:1;min-width:180px;border:1px solid #e2d9c9;border-radius:6px;padding:12px 16px;background:#fbf8f2}
.card b{display:block;font-size:28px;color:#b0120a}.card span{font-size:13px;color:#555}
.charts{display:flex;gap:24px;flex-wrap:wrap}.chart{flex:1;min-width:460px}
.chart h3{font-size:16px;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:13px;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif}
th,td{border:1px solid #cfc6b6;padding:4px 6px;vertical-align:top;text-align:left;word-break:break-all}
td:first-child{white-space:nowrap;word-break:normal}
th{background:#efe7d8;position:sticky;top:0}
tr.fail td.res{color:#b0120a;font-weight:bold}
td.minor{font-size:11px;color:#666}td.minor summary{cursor:pointer;color:#0b4f9c}td.minor a{color:#555;border-bottom-color:#aaa}
table.sites td:nth-child(2){min-width:9em}table.sites td:nth-child(3){min-width:11em;font-size:11px}
table.sites td:nth-child(4),table.sites td:nth-child(5),table.sites td:nth-child(7){white-space:nowrap}
table.sites td:nth-child(6){min-width:18em}table.sites td:nth-child(8){min-width:10em}
table.accounts td:nth-child(n+2):nth-child(-n+8){white-space:nowrap}table.accounts td:nth-child(9){min-width:14em}
.wide{overflow-x:auto}
"""


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def href(url: str) -> str:
    return esc(url) if re.match(r"^https?://", url or "", re.I) else ""


def inline(para: Para) -> str:
    out = []
    for x in para:
        if isinstance(x, Link):
            target = href(x.url)
            out.append(f'<a href="{target}" rel="noopener noreferrer">{esc(x.text)}</a>' if target else esc(x.text))
        else:
            out.append(esc(x))
    return "".join(out)


def bar_chart(title: str, rows: list[tuple[str, float, str]], color: str) -> str:
    """Horizontal bars: (label, share of the longest bar 0..1, value text)."""
    label_w, bar_w, row_h = 150, 300, 26
    height = row_h * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" width="{label_w + bar_w + 120}" '
             f'height="{height}" role="img" aria-label="{esc(title)}">']
    for i, (label, share, value) in enumerate(rows):
        y = 5 + i * row_h
        w = max(0.0, min(1.0, share)) * bar_w
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13">{esc(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 8}" fill="#eee"/>'
                     f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{color}"/>'
                     f'<text x="{label_w + bar_w + 6}" y="{y + 17}" font-size="13">{esc(value)}</text>')
    parts.append("</svg>")
    return f'<div class="chart"><h3>{esc(title)}</h3>{"".join(parts)}</div>'


def charts(insp: Inspection) -> str:
    out = []
    if insp.sites:
        rows = []
        for region in insp.regions:
            members = [s for s in insp.sites if s.region == region]
            q = sum(1 for s in members if s.qualified)
            rows.append((region, ratio(q, len(members)), f"{rate(q, len(members))}（{q}/{len(members)}）"))
        q = sum(1 for s in insp.sites if s.qualified)
        rows.append(("全区", ratio(q, len(insp.sites)), f"{rate(q, len(insp.sites))}（{q}/{len(insp.sites)}）"))
        out.append(bar_chart("政府网站合格率（按地区）", rows, "#2e7d32"))
        cats = veto_categories(insp.sites)
        if cats:
            top = max(len(m) for _, m in cats)
            out.append(bar_chart("政府网站单项否决问题（按类别，个）",
                                 [(RULE_NAMES.get(r, r), len(m) / top, str(len(m))) for r, m in cats], "#b0120a"))
    if insp.accounts:
        rows = []
        for platform in platforms_of(insp.accounts):
            members = [a for a in insp.accounts if a.platform == platform]
            q = sum(1 for a in members if a.qualified)
            rows.append((PLATFORM_NAMES.get(platform, platform), ratio(q, len(members)),
                         f"{rate(q, len(members), ACCOUNT_DIGITS)}（{q}/{len(members)}）"))
        out.append(bar_chart("政务新媒体合格率（按平台）", rows, "#2e7d32"))
        failed = [a for a in insp.accounts if a.qualified is False]
        counts = [(BUCKET_NAMES[b], sum(1 for a in failed if a.status == "found" and a.bucket == b)) for b in ("1y", "6m", "2w")]
        counts += [("名称变动未报备", sum(1 for a in insp.accounts if a.name_changed)),
                   ("搜索不到", sum(1 for a in insp.accounts if a.status == "not_found"))]
        counts = [(k, n) for k, n in counts if n]
        if counts:
            top = max(n for _, n in counts)
            out.append(bar_chart("政务新媒体问题（按类别，个）", [(k, n / top, str(n)) for k, n in counts], "#b0120a"))
    return f'<section class="charts">{"".join(out)}</section>' if out else ""


def cards(insp: Inspection) -> str:
    items = []
    if insp.sites:
        n, q = len(insp.sites), sum(1 for s in insp.sites if s.qualified)
        items += [(f"{n}/{insp.sites_total or '—'}", "抽查网站数/在线网站数"), (rate(q, n), f"网站合格率（合格{q}个）")]
    if insp.accounts:
        n, q = len(insp.accounts), sum(1 for a in insp.accounts if a.qualified)
        items += [(f"{n}/{insp.accounts_total or '—'}", "抽查政务新媒体数/在线数"),
                  (rate(q, n, ACCOUNT_DIGITS), f"政务新媒体合格率（不合格{sum(1 for a in insp.accounts if a.qualified is False)}个）")]
    return '<div class="cards">' + "".join(f'<div class="card"><b>{esc(v)}</b><span>{esc(k)}</span></div>'
                                           for v, k in items) + "</div>"


def minor_cell(cell: Para) -> str:
    """Deductions and doubtful points, folded (no script needed) so the vetoes stay readable."""
    count = sum(1 for x in cell if isinstance(x, Link))
    if not count:
        return '<td class="minor"></td>'
    return f'<td class="minor"><details><summary>{count}项</summary>{inline(cell)}</details></td>'


def render(notice: Notice, insp: Inspection) -> str:
    body = [f"<h1>{esc(notice.title)}</h1>", f'<div class="sub">{esc(notice.subtitle)}</div>', cards(insp), charts(insp)]
    for heading, paras in notice.sections:
        body.append(f"<h2>{esc(heading)}</h2>")
        body += [f"<p>{inline(p)}</p>" for p in paras]
    for table in notice.tables:
        result, minor = table.header.index("检查结果"), table.header.index(MINOR)
        rows = []
        for row in table.rows:
            cls = ' class="fail"' if "".join(x for x in row[result] if isinstance(x, str)) == "不合格" else ""
            rows.append(f"<tr{cls}>" + "".join(
                minor_cell(cell) if i == minor else f'<td{" class=res" if i == result else ""}>{inline(cell)}</td>'
                for i, cell in enumerate(row)) + "</tr>")
        body.append(f'<h2>{esc(table.title)}</h2><div class="wide"><table class="{esc(table.kind)}"><thead><tr>'
                    + "".join(f"<th>{esc(h)}</th>" for h in table.header) + f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="referrer" content="no-referrer">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(notice.title)}</title>'
            f"<style>{STYLE}</style></head><body><main>{''.join(body)}</main></body></html>\n")
