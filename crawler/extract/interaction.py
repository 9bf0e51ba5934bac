"""Interaction channels (信箱, 咨询, 留言 …) and their published messages, as plain functions.

Channels are found by link text from a keyword table (crawler/data/interaction_channels.csv,
extended by the INTERACTION_CHANNELS_FILE setting). Messages are read from the shapes government
sites use: a table or list showing the dates, a list showing only a status with the dates on the
message page (Hanweb jact ``mailpubdetail.do`` pages among them), and a JSON endpoint the page
loads. Every function takes (html or tree, url, asof) and fetches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urljoin

from crawler.dates import parse_date
from crawler.extract import jsondata, listing, placeholder_in, shown_placeholder
from crawler.extract.html import PageLink, fold, link_name, read_links, text_of
from crawler.extract.panels import CLIENT_TEMPLATE, SCRIPT_URL
from crawler.extract.tables import read_pairs

# consultation counts for both clauses of 互动回应差; suggestion (建言) only for clause 1; the others
# are the channels the clauses exclude; a hub is a page that lists channels (互动交流).
CLASSES = ("consultation", "suggestion", "interview", "survey", "petition", "discipline", "hub")

# Field labels, longest first when matched. 办理时间 is a reply date on a message page.
LABELS = {
    "asked": ("留言时间", "来信时间", "写信时间", "提交时间", "咨询时间", "提问时间", "投诉时间", "发信时间", "来信日期",
              "留言日期", "提交日期", "发布时间"),
    "answered": ("回复时间", "答复时间", "办理时间", "处理时间", "反馈时间", "办结时间", "回复日期", "答复日期",
                 "处理日期", "办结日期"),
    "status": ("办理状态", "处理状态", "办件状态", "信件状态", "回复状态", "答复状态"),
    "unit": ("答复单位", "回复单位", "办理单位", "处理单位", "受理单位", "承办单位", "答复部门", "回复部门",
             "办理部门", "处理部门", "受理部门", "提交对象"),
    "title": ("信件标题", "留言标题", "来信标题", "咨询标题", "留言主题", "来信主题", "信件主题"),
}
# Bare words that name a column only as a whole table-header cell (in running text they mean anything).
HEADER_WORDS = {"时间": "asked", "日期": "asked", "状态": "status", "标题": "title", "主题": "title"}
_RANK = {lab: i for labs in LABELS.values() for i, lab in enumerate(labs)}  # earlier = more specific
_LABEL_FIELD = sorted(((lab, f) for f, labs in LABELS.items() for lab in labs), key=lambda x: -len(x[0]))


def _label_pattern(pairs) -> re.Pattern:
    """A label followed by a colon, or filling its own cell (then a tab or newline follows)."""
    return re.compile("(" + "|".join(re.escape(lab) for lab, _ in pairs) + r")[ \u3000]*(?:[:：]|(?=[\t\n]))")


_LABEL_RE = _label_pattern(_LABEL_FIELD)
_OPEN = re.compile(r"未答复|未回复|未办结|未处理|未反馈|办理中|处理中|受理中|转办中|正在(?:办理|处理|受理)|待处理|待回复|待审查|待审核|待答复|暂无|^无$|^-+$")
_DONE = re.compile(r"已答复|已回复|已办结|已处理|已反馈|已完成|办结|已解答|答复完毕")
_TAKEN = re.compile(r"已受理|已转办|已交办|已签收")
_NO_ANSWER = re.compile(r"^(暂无|未答复|未回复|无|-+|—+)$")
_CST = timezone(timedelta(hours=8))  # epoch times are read as Beijing time
_NO_LETTERS = re.compile(r"暂无(留言|来信|信件|咨询|回复)")  # a mailbox with nothing in it
_JACT = re.compile(r"/jact/front/mail\w*detail\.do\?", re.I)


@dataclass(frozen=True)
class ChannelLink:
    name: str
    url: str
    cls: str  # one of CLASSES
    keyword: str


@dataclass
class Message:
    title: str
    url: str = ""  # the message page, when the list links one
    asked_raw: str = ""
    answered_raw: str = ""
    status: str = ""
    unit: str = ""
    source: str = "list"  # list, page, json

    def merged(self, other: "Message") -> "Message":
        """This message with the dates, status and unit of ``other`` (its page); the list's title stays."""
        return Message(title=self.title or other.title, url=self.url or other.url,
                       asked_raw=other.asked_raw or self.asked_raw,
                       answered_raw=other.answered_raw or self.answered_raw,
                       status=other.status or self.status, unit=other.unit or self.unit, source="page")

    @property
    def needs_page(self) -> bool:
        """The list leaves a date out that the message page may show."""
        if not self.url:
            return False
        if _JACT.search(self.url) or not self.asked_raw:
            return True
        return not self.answered_raw and reply_state(self.status, "") != "open"


@dataclass
class ListRead:
    messages: list[Message] = field(default_factory=list)
    endpoints: list[str] = field(default_factory=list)  # JSON endpoints named in the page's scripts
    placeholder: str = ""
    shape: str = ""  # table, labelled, links, json


# --- the keyword table ------------------------------------------------------------------------

class ChannelClassifier:
    def __init__(self, rows):
        self.rows = sorted(rows, key=lambda r: -len(r[1]))

    def __call__(self, name: str) -> tuple[str, str] | None:
        name = fold(name)
        for cls, keyword in self.rows:
            if keyword in name:
                return cls, keyword
        return None


@lru_cache(maxsize=8)
def channel_classifier(extra_file: str = "") -> ChannelClassifier:
    rows = read_pairs(files("crawler") / "data" / "interaction_channels.csv", "class", CLASSES)
    if extra_file:
        rows += read_pairs(Path(extra_file), "class", CLASSES)
    return ChannelClassifier(rows)


def find_channels(body, base_url: str, classify: ChannelClassifier,
                  links: list[PageLink] | None = None) -> list[ChannelLink]:
    """Links named like an interaction channel (short link texts only: a news title is not a channel).
    ``links``: the page's links if already read (``Page.links``)."""
    found: dict[str, ChannelLink] = {}
    for a, text, href, url, parts in read_links(body, base_url) if links is None else links:
        name = link_name(a, text)
        if not 2 <= len(name) <= 12:
            continue
        hit = classify(name)
        if hit is None:
            continue
        if parts.scheme not in ("http", "https") or url.rstrip("/") == base_url.rstrip("/"):
            continue
        found.setdefault(url, ChannelLink(name=name, url=url, cls=hit[0], keyword=hit[1]))
    return list(found.values())


# --- labelled values ----------------------------------------------------------------------------

_BLOCKS = {"tr", "p", "div", "li", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5", "br", "table", "ul", "ol"}
_CELLS = {"td", "th", "span", "label", "strong", "b", "em", "i", "font"}


def _flatten(el, out: list[str]) -> None:
    """Text with newlines around blocks and tabs around cells, so a value stops where its cell does."""
    if el.tag in _BLOCKS:
        out.append("\n")
    elif el.tag in _CELLS:
        out.append("\t")
    if isinstance(el.tag, str) and el.text:
        out.append(el.text)
    for child in el:
        _flatten(child, out)
        if child.tail:
            out.append(child.tail)
    if el.tag in _CELLS:
        out.append("\t")
    elif el.tag in _BLOCKS:
        out.append("\n")


def flat_text(el) -> str:
    out: list[str] = []
    _flatten(el, out)
    return re.sub(r"[ \u3000\xa0]+", " ", "".join(out))


def labelled_values(el, label_field=None) -> dict[str, str]:
    """{field: raw value} for '标签：值' pairs in text, table rows and definition lists.

    A field seen twice keeps the value of its more specific label (留言时间 over a page's 发布时间),
    else the first non-empty one.
    """
    pairs = label_field or _LABEL_FIELD
    pattern = _LABEL_RE if label_field is None else _label_pattern(pairs)
    fields = dict(pairs)
    rank = _RANK if label_field is None else {}
    text = flat_text(el)
    out: dict[str, str] = {}
    ranks: dict[str, int] = {}
    matches = list(pattern.finditer(text))
    for i, m in enumerate(matches):
        start = m.end()
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        rest = text[start:end].lstrip(" :：")
        for _ in range(2):  # the end of the label's cell, the start of the value's
            rest = rest[1:] if rest.startswith("\t") else rest
        rest = rest.lstrip(" ")
        if rest.startswith("\n"):
            rest = rest.lstrip("\n ")  # <dt>label</dt><dd>value</dd>
        value = re.split(r"[\t\n]", rest, maxsplit=1)[0]
        value = fold(value).strip(":： ")
        key, r = fields[m.group(1)], rank.get(m.group(1), 0)
        if key not in out or (value and (not out[key] or r < ranks[key])):
            out[key], ranks[key] = value, r
    return out


# --- states and dates ---------------------------------------------------------------------------

def reply_state(status: str, answered_raw: str) -> str:
    """answered, open or unknown, from the status text and the reply-date cell."""
    s = fold(status)
    if _OPEN.search(s):
        return "open"
    if _DONE.search(s):
        return "answered"
    if _TAKEN.search(s):
        return "open"  # accepted or passed on, not answered yet
    a = fold(answered_raw)
    if a and _NO_ANSWER.match(a):
        return "open"
    return "unknown"


def read_date(raw: str, asof: date) -> tuple[date | None, str]:
    """(date, issue): issue is '' (read), 'missing', 'no_answer' (暂无/未答复) or 'malformed'."""
    raw = fold(raw)
    if not raw:
        return None, "missing"
    if _NO_ANSWER.match(raw):
        return None, "no_answer"
    found = parse_date(raw, asof)
    if not found or found.precision == "month":
        return None, "malformed"
    value = found.value
    return (value.date() if isinstance(value, datetime) else value), ""


# --- message lists ------------------------------------------------------------------------------

def _header_map(cells: list[str]) -> dict[int, str]:
    out = {}
    for i, text in enumerate(cells):
        text = fold(text).strip(":：")
        key = HEADER_WORDS.get(text) or next((k for lab, k in _LABEL_FIELD if text == lab), None)
        if key and key not in out.values():
            out[i] = key
    return out


def _table_messages(table, base_url) -> list[Message]:
    rows = [tr for tr in table.iter("tr")]
    if len(rows) < 2:
        return []
    header_at, header = None, {}
    for n, tr in enumerate(rows[:3]):
        cells = [text_of(c) for c in tr if c.tag in ("td", "th")]
        mapping = _header_map(cells)
        if len(mapping) >= 2 and any(k in mapping.values() for k in ("asked", "answered", "status")):
            header_at, header = n, mapping
            break
    if header_at is None:
        return []
    out = []
    for tr in rows[header_at + 1:]:
        cells = [c for c in tr if c.tag in ("td", "th")]
        links = [a for a in tr.iter("a") if (a.get("href") or "").strip() and not
                 re.match(r"(javascript:|#)", a.get("href").strip(), re.I)]
        values = {key: fold(text_of(cells[i])) for i, key in header.items() if i < len(cells)}
        title = values.get("title") or (fold(links[0].get("title") or text_of(links[0])) if links else "")
        if not title and not links:
            continue
        out.append(Message(title=title, url=urljoin(base_url, links[0].get("href").strip()) if links else "",
                           asked_raw=values.get("asked", ""), answered_raw=values.get("answered", ""),
                           status=values.get("status", ""), unit=values.get("unit", "")))
    return out


def _item_messages(body, base_url) -> list[Message]:
    """List items (li, dl, div rows) holding a link and labelled dates or a status word."""
    out, taken = [], set()
    for item in body.iter("li", "dl", "div"):
        links = [a for a in item.iter("a") if (a.get("href") or "").strip()[:1] not in ("", "#")
                 and not a.get("href").strip().lower().startswith("javascript:")]
        if len(links) != 1 or any(x in taken for x in item.iterancestors()):
            continue
        values = labelled_values(item)
        title = fold(links[0].get("title") or text_of(links[0]))
        status_word = next((fold(text_of(x)) for x in item.iter() if x is not links[0] and x.tag in ("span", "em", "i", "b", "font")
                            and (_OPEN.search(fold(text_of(x))) or _DONE.search(fold(text_of(x))))), "")
        if not ({"asked", "answered", "status"} & set(values)) and not status_word:
            continue
        taken.add(item)  # the element itself: a proxy's id() is reused once it is freed
        out.append(Message(title=values.get("title") or title, url=urljoin(base_url, links[0].get("href").strip()),
                           asked_raw=values.get("asked", ""), answered_raw=values.get("answered", ""),
                           status=values.get("status") or status_word, unit=values.get("unit", "")))
    return out


def read_list(page, asof: date) -> ListRead:
    """The messages a channel page lists, or the JSON endpoints its scripts load them from."""
    read = ListRead()
    best: list[Message] = []
    for table in page.body.iter("table"):
        if any(t.tag == "table" for t in table.iterdescendants()):
            continue  # the innermost tables hold the rows
        msgs = _table_messages(table, page.url)
        if len(msgs) > len(best):
            best = msgs
    if best:
        read.messages, read.shape = best, "table"
    else:
        read.messages = _item_messages(page.body, page.url)
        read.shape = "labelled" if read.messages else ""
    if not read.messages:
        jact = [a for a in page.body.iter("a") if _JACT.search(a.get("href") or "")]
        read.messages = [Message(title=fold(a.get("title") or text_of(a)), url=urljoin(page.url, a.get("href").strip()))
                         for a in jact]
        read.shape = "links" if jact else ""
    found = placeholder_in(page.text) or placeholder_in(page.text, _NO_LETTERS)
    read.placeholder = shown_placeholder(page, found) if not read.messages else ""
    read.endpoints = [urljoin(page.base, u) for u in dict.fromkeys(SCRIPT_URL.findall(page.scripts))
                      if not u.lower().endswith((".js", ".css", ".html", ".htm", ".png", ".jpg"))]
    if not (read.messages or read.placeholder or read.endpoints or CLIENT_TEMPLATE.search(page.html)):
        # a plain list of letters (a title, one unlabelled date): whether that date is the asked or the
        # answered one only the message page says, so each message is read there. Not beside a 暂无留言
        # or a board a script fills: a list there is a sidebar's, not the letters.
        main = listing.main_cluster(listing.find_clusters(page.body, page.url, asof, anchors=page.anchors), page.url)
        read.messages = [Message(title=e.title, url=e.url) for e in main.entries
                         if listing.has_own_page(e, page.url)] if main else []
        read.shape = "list" if read.messages else ""
    return read


# on a message page, the bare words name its own fields (a 状态 cell beside 办理中); never 时间 or 日期,
# which may be the asked or the answered one
_BARE_FIELDS = [("状态", "status"), ("标题", "title"), ("主题", "title")]


def read_message_page(page) -> Message:
    """A message page: its labelled title, dates, status and answering unit."""
    values = labelled_values(page.body)
    for key, value in labelled_values(page.body, _BARE_FIELDS).items():
        if value and not values.get(key):
            values[key] = value
    title = values.get("title", "")
    if not title:
        heading = next((h for h in page.body.iter("h1", "h2", "h3") if text_of(h)), None)
        title = text_of(heading) if heading is not None else page.title
    return Message(title=title, url=page.url, asked_raw=values.get("asked", ""),
                   answered_raw=values.get("answered", ""), status=values.get("status", ""),
                   unit=values.get("unit", ""), source="page")


# --- JSON endpoints -----------------------------------------------------------------------------

JSON_KEYS = {
    "title": ("title", "subject", "infotitle", "lettertitle", "mailtitle", "name", "zt", "bt", "infomess"),
    "asked": ("createdate", "createtime", "asktime", "askdate", "submittime", "submitdate", "addtime", "writetime",
              "lettertime", "posttime", "xxsj", "lxsj", "tjsj", "asked"),
    "answered": ("feedbackdate", "feedbacktime", "replytime", "replydate", "answertime", "answerdate", "retime",
                 "handletime", "dealtime", "dfsj", "hfsj", "blsj", "answered"),
    "status": ("status", "statusname", "state", "statename", "blzt", "clzt", "handlestatus"),
    "unit": ("feedbackname", "replyunit", "replydept", "deptname", "dept", "orgname", "unitname", "blbm", "cldw",
             "answerunit"),
    "url": ("url", "link", "detailurl", "href"),
    "id": ("id", "pid", "letterid", "transactid", "mailid"),
}


def _json_date(value) -> str:
    if isinstance(value, (int, float)) and value > 10**8:
        seconds = value / 1000 if value > 10**11 else value
        return datetime.fromtimestamp(seconds, _CST).strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


def read_json(text: str, url: str) -> list[Message]:
    """Messages of a JSON (or JSONP) endpoint; ValueError when the body is not JSON."""
    # the longest array of records anywhere in the document (data.list, root, rows, records …)
    records = max((r for _, r in jsondata.record_arrays(jsondata.load(text))), key=len, default=[])
    out = []
    for n, rec in enumerate(records):
        low = {str(k).lower(): v for k, v in rec.items()}
        pick = {f: next((low[k] for k in keys if low.get(k) not in (None, "")), None) for f, keys in JSON_KEYS.items()}
        link = urljoin(url, str(pick["url"])) if pick["url"] else f"{url}#{pick['id'] if pick['id'] is not None else n}"
        out.append(Message(title=fold(str(pick["title"] or "")), url=link, asked_raw=_json_date(pick["asked"]),
                           answered_raw=_json_date(pick["answered"]), status=fold(str(pick["status"] or "")),
                           unit=fold(str(pick["unit"] or "")), source="json"))
    return out
