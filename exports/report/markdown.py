"""The 通报 as Markdown. Scraped text is escaped: Markdown renderers pass inline HTML through."""

from __future__ import annotations

import html
import re

from exports.report.notice import Link, Notice, Para

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def text(value: str) -> str:
    value = html.escape(" ".join(str(value).split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", value)


def url(value: str) -> str:
    # a link target cannot close the link or start markup; javascript: and the like are not linked
    if not re.match(r"^https?://", value or "", re.I):
        return ""
    return value.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def inline(para: Para) -> str:
    out = []
    for x in para:
        if isinstance(x, Link):
            target = url(x.url)
            out.append(f"[{text(x.text)}]({target})" if target else text(x.text))
        else:
            out.append(text(x))
    return "".join(out)


def render(notice: Notice) -> str:
    lines = [f"# {text(notice.title)}", "", text(notice.subtitle), ""]
    for heading, paras in notice.sections:
        lines += [f"## {text(heading)}", ""]
        for para in paras:
            lines += [inline(para), ""]
    for table in notice.tables:
        lines += [f"## {text(table.title)}", "", "| " + " | ".join(table.header) + " |",
                  "|" + "---|" * len(table.header)]
        lines += ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in table.rows]
        lines.append("")
    return "\n".join(lines)
