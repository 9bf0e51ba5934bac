"""Security and content signals of one page, as plain functions of (html, url): 暗链, injected spam,
forbidden content, severe expression errors, unmasked personal data.

``scan_page`` returns ``Signal``s — facts, not verdicts: the rules ``security_incident`` and
``privacy_leak`` decide what is a veto, a warning or nothing. See docs/security.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.extract.html import fold, meta, parse, text_of, visible_copy
from crawler.extract.written import written_text
from crawler.security import hidden, lexicon, privacy

# A hidden link's score: the weights of the signals that fired, added (capped at 1). Hidden and
# off-site (0.6) is a dropdown menu as often as a 暗链; a forbidden word or a spam TLD makes the difference.
# A forbidden word in the link's own text or host counts in full; one elsewhere in its hidden block (a tab
# panel of news titles) counts half.
WEIGHTS = {"hidden": 0.4, "external": 0.2, "keyword": 0.3, "keyword_nearby": 0.15, "suspicious_tld": 0.1}
# where a forbidden term was found; a term in these places was put there on purpose
INJECTED_SOURCES = ("title", "meta_keywords", "hidden", "script")
_CONTENT = re.compile(r"trs_editor|article|content|zoom|detail|main-?text|wzzw|\bnr\b|\bzw\b")
_NOT_CONTENT = re.compile(r"footer|foot\b|bottom|contact|lxwm|copyright|header|nav|menu|crumb|share")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
ROLES_WITH_BODY = ("article",)


@dataclass
class Signal:
    kind: str  # hidden_link, keyword, expression, privacy
    matched: str  # the matched words or the masked value
    signals: list[str] = field(default_factory=list)  # which checks fired
    category: str = ""  # lexicon category; the confusion row's note; id_card/mobile/bank_card
    source: str = ""  # title, meta_keywords, body, hidden, script, script_inert, link
    target: str = ""  # a link's URL
    context: str = ""  # the sentence around the match (personal numbers masked)
    score: float = 0.0
    right: str = ""  # expression: the correct form
    level: str = ""  # veto or warn: the lexicon's severity (a confusion row's level); "" without a term
    position: int | None = None  # privacy: where in the text (two IDs may mask alike)

    @property
    def subject(self) -> str:
        where = "" if self.position is None else f"@{self.position}"
        return f"{self.kind}|{self.source}|{self.category}|{self.target or self.matched}{where}"


def score(signals) -> float:
    return round(min(1.0, sum(w for name, w in WEIGHTS.items() if name in signals)), 2)


def sentence(text: str, start: int, end: int, limit: int = 60) -> str:
    """The sentence around text[start:end], at most ``limit`` characters either side."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - limit), start)), default=max(0, start - limit))
    m = _SENTENCE_END.search(text, end, end + limit)
    return text[left:m.end() if m else min(len(text), end + limit)].strip()


def _distinct(hits: list[lexicon.Hit]) -> list[lexicon.Hit]:
    """Hits not inside a longer hit (香港六合彩 is one term, not two), in text order."""
    out, reach = [], -1
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if h.end > reach or (out and (out[-1].start, out[-1].end) == (h.start, h.end)):
            out.append(h)
            reach = max(reach, h.end)
    return out


def article_body(body) -> str:
    """The text of an article's body: the longest element marked as content (TRS_Editor, zoom, …)."""
    best = ""
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if _CONTENT.search(marker) and not _NOT_CONTENT.search(marker):
            text = text_of(el)
            if len(text) > len(best) * 1.5:
                best = text
    return best


def scan_page(html, url: str, own_hosts=(), role: str = "article", lex: lexicon.Lexicon | None = None,
              page=None) -> list[Signal]:
    """Every security signal of one page.

    ``own_hosts``: the site's hosts (default: the page's host); ``role``: homepage, column or article
    (mobile numbers are looked for in article bodies only); ``page``: an already parsed
    ``crawler.extract.Page`` of the same html, to save parsing it again.
    """
    lex = lex or lexicon.default()
    if page is not None:
        root, body = page.root, page.body
    else:
        root = parse(html)
        visible = visible_copy(root)
        body = visible.find("body")
        body = body if body is not None else visible
    own = set(own_hosts) or {hidden.host_of(url)}
    out: list[Signal] = []
    found = hidden.scan(root, url)
    out += _link_signals(found.links, own, lex)

    title_el = root.find(".//title")
    texts = [("title", fold(title_el.text_content()) if title_el is not None else ""),
             ("meta_keywords", meta(root, "keywords")), ("meta_keywords", meta(root, "description"))]
    page_text = page.text if page is not None else text_of(body)
    article_text = article_body(body) if role in ROLES_WITH_BODY else ""
    hidden_texts = set(found.hidden_text)
    texts += [("hidden", t) for t in found.hidden_text] + [("script", t) for t in found.script_text]
    texts += [("script_inert", t) for t in found.inert_text]
    visible = page_text
    # hidden blocks are scanned on their own, as hidden; what a script plainly writes (which the page's
    # visible text shows: crawler.extract.written) is scanned with the scripts
    shown = [t for s in root.iter("script") if s.text and s.get("src") is None and (t := written_text(s.text))]
    for t in [*hidden_texts, *shown]:
        visible = visible.replace(t, " ")
    texts.append(("body", visible))
    texts += [("link", fold(a.get("title"))) for a in root.iter("a") if a.get("title")]
    out += _text_signals(texts, lex)

    personal_text = article_text or page_text
    for p in privacy.find(personal_text, article=bool(article_text)):
        out.append(Signal("privacy", p.masked, [p.kind], category=p.kind, source="body", position=p.start,
                          context=privacy.mask_all(sentence(personal_text, p.start, p.end, 30))))
    return out


def scan_text(texts: list[tuple[str, str]], lex: lexicon.Lexicon | None = None) -> list[Signal]:
    """Lexicon and confusion-dictionary signals of texts that are not a page: ``(source, text)`` pairs,
    such as the title of an account's post."""
    return _text_signals(texts, lex or lexicon.default())


def _link_signals(links, own, lex) -> list[Signal]:
    out = {}
    for link in links:
        host = hidden.host_of(link.href)
        if not host or hidden.is_own(host, own):
            continue
        fired = ["hidden", *sorted(link.methods)]
        if not hidden.is_gov(host):
            fired.append("external")
        words = [h for h in _distinct(lex.find(link.text)) + _distinct(lex.find(host)) if h.category != "confusion"]
        if words:
            fired.append("keyword")
        else:
            words = [h for h in _distinct(lex.find(link.block_text)) if h.category != "confusion"]
            if words:
                fired.append("keyword_nearby")
        if host.rsplit(".", 1)[-1] in lex.tlds:
            fired.append("suspicious_tld")
        if not {"external", "keyword", "keyword_nearby", "suspicious_tld"} & set(fired):
            continue  # hidden, to a government host, nothing else: a dropdown menu of 部门网站
        levels = {lex.severity.get(h.category, "warn") for h in words}
        sig = Signal("hidden_link", "、".join(dict.fromkeys(h.term for h in words)), fired,
                     category="、".join(sorted({h.category for h in words})), source="link",
                     target=privacy.mask_all(link.href),
                     context=privacy.mask_all((link.block_text or link.text)[:200]), score=score(fired),
                     level="veto" if "veto" in levels else "warn" if levels else "")
        if sig.subject not in out or out[sig.subject].score < sig.score:
            out[sig.subject] = sig
    return list(out.values())


def _text_signals(texts: list[tuple[str, str]], lex) -> list[Signal]:
    grouped: dict[tuple, Signal] = {}
    for source, text in texts:
        if not text:
            continue
        for h in _distinct(lex.find(text)):
            if h.category == "confusion":
                key = ("expression", source, h.level, h.term)
                if key not in grouped:
                    grouped[key] = Signal("expression", h.term, ["confusion"], category=h.note, source=source,
                                          context=privacy.mask_all(sentence(text, h.start, h.end)), right=h.right,
                                          level=h.level)
                continue
            key = ("keyword", source, h.category)
            sig = grouped.get(key)
            if sig is None:
                sig = grouped[key] = Signal("keyword", "", ["keyword"], category=h.category, source=source,
                                            context=privacy.mask_all(sentence(text, h.start, h.end)),
                                            level=lex.severity.get(h.category, "warn"))
                if source in INJECTED_SOURCES:
                    sig.signals.append(source)
            terms = sig.matched.split("、") if sig.matched else []
            if h.term not in terms:
                sig.matched = "、".join(terms + [h.term])
    for sig in grouped.values():  # the score says how a person should weigh it; the rule decides
        if sig.kind == "keyword":
            sig.score = score(sig.signals + (["hidden"] if sig.source in ("hidden", "script") else []))
    return list(grouped.values())
