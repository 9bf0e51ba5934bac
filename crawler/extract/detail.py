"""The publication date of an article page: the visible labelled date near the title first."""

from __future__ import annotations

import re
from datetime import date

from crawler.dates import DateMatch, parse_date, url_date
from crawler.extract.html import meta, text_of

_LABEL = re.compile(r"(发布时间|发布日期|发文日期|时间|日期|更新时间)\s*[:：]?\s*$")
_LABEL_INLINE = re.compile(r"(?:发布时间|发布日期|发文日期|日期|时间)\s*[:：]\s*")
_NOT_PUB = re.compile(r"(成文日期|生成时间|页面生成|访问|浏览|Maketime)")


def detail_date(body, root, url: str, asof: date) -> tuple[DateMatch | None, dict]:
    """Returns the chosen date and the candidates seen (label, meta PubDate, URL) as evidence."""
    evidence = {}
    text = text_of(body)
    labelled = None
    for m in _LABEL_INLINE.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        if _NOT_PUB.search(before + m.group(0)):
            continue
        found = parse_date(text[m.end():m.end() + 40], asof)
        if found and found.span[0] <= 2:
            labelled = found
            break
    if labelled:
        evidence["label"] = labelled.value.isoformat()
    pub = meta(root, "PubDate") or meta(root, "publishdate") or meta(root, "article:published_time")
    pub_match = parse_date(pub, asof) if pub else None
    if pub_match:
        evidence["meta"] = pub_match.value.isoformat()
    from_url = url_date(url)
    if from_url:
        evidence["url"] = from_url.value.isoformat()
    return labelled or pub_match or from_url, evidence
