"""Chinese-aware date normalisation: a string → a date (or None) and the form that matched.

Every year-less or relative form is resolved against ``asof`` (the 监测时间点), never the wall
clock. A result that would be silently wrong (year only, month only, 02-30) is None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser


@dataclass(frozen=True)
class DateMatch:
    value: date | datetime
    precision: str  # "minute", "day" or "month"
    form: str  # which pattern matched, e.g. "ymd", "md-inferred", "dateparser"
    span: tuple[int, int] = (0, 0)

    @property
    def day(self) -> date:
        return self.value.date() if isinstance(self.value, datetime) else self.value


_SEP = r"[-/.]"
_TIME = r"(?:[ T\u3000]*(?P<H>\d{1,2})[:：时](?P<M>\d{1,2})(?:[:：分](?P<S>\d{1,2}))?)?"
_YMD = re.compile(
    rf"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?:{_SEP}|年)\s*(?P<m>\d{{1,2}})\s*(?:{_SEP}|月)\s*(?P<d>\d{{1,2}})(?!\d)\s*日?{_TIME}"
)
_COMPACT = re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d])")
_Y2MD = re.compile(rf"(?<![\d.])(?P<y>\d\d)-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d.]){_TIME}")
_MD = re.compile(rf"(?<![\d./-])(?P<m>\d{{1,2}})\s*(?:-|/|月)\s*(?P<d>\d{{1,2}})(?![\d./-])\s*日?{_TIME}")
_RELATIVE = re.compile(r"(?P<n>\d+|[一二两三四五六七八九十半几]+)?\s*(?P<u>秒|分钟|分鐘|小时|小時|天|日|周|週|个月|個月)前")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YMD = re.compile(r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日")


def _cn_number(text: str) -> int | None:
    if not text:
        return None
    if text == "半":
        return 0
    if text == "几":
        return 3
    if all(c in _CN_DIGITS for c in text) and "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, 1) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    return None


def _build(y: int, m: int, d: int, groups: dict) -> date | datetime | None:
    try:
        if groups.get("H"):
            h, mi, s = int(groups["H"]), int(groups["M"]), int(groups.get("S") or 0)
            return datetime(y, m, d, h, mi, s)
        return date(y, m, d)
    except ValueError:
        return None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def infer_year(month: int, day: int, asof: date) -> int | None:
    """The year that puts MM-DD on or before ``asof``: a list item is never in the future."""
    for year in (asof.year, asof.year - 1):
        try:
            if date(year, month, day) <= asof:
                return year
        except ValueError:
            continue  # 02-29 in a non-leap year: try the year before
    return None


def normalize_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\xa0", " ")


def parse_date(text: str, asof: date, *, year_hint: int | None = None) -> DateMatch | None:
    """Find the first date in ``text``.

    ``year_hint`` (for example a year from the item's URL) is used for year-less dates when it
    does not put the date after ``asof``.
    """
    if not text:
        return None
    text = normalize_text(text)
    m = _YMD.search(text)
    if m:
        value = _build(int(m["y"]), int(m["m"]), int(m["d"]), m.groupdict())
        if value:
            return DateMatch(value, "minute" if m["H"] else "day", "ymd", m.span())
    m = _CN_YMD.search(text)
    if m:
        y, mo, d = _cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"])
        value = _build(y, mo, d, {}) if None not in (y, mo, d) else None
        if value:
            return DateMatch(value, "day", "cn-numerals", m.span())
    m = _Y2MD.search(text)
    if m:
        value = _build(2000 + int(m["y"]), int(m["m"]), int(m["d"]), m.groupdict())
        if value:
            return DateMatch(value, "minute" if m["H"] else "day", "yy-md", m.span())
    m = _COMPACT.search(text)
    if m:
        value = _build(int(m["y"]), int(m["m"]), int(m["d"]), {})
        if value:
            return DateMatch(value, "day", "compact", m.span())
    relative = _relative(text, asof)
    if relative:
        return relative
    m = _MD.search(text)
    if m:
        mo, d = int(m["m"]), int(m["d"])
        year = None
        if year_hint:
            try:
                if date(year_hint, mo, d) <= asof:
                    year = year_hint
            except ValueError:
                return None
        year = year or infer_year(mo, d, asof)
        value = _build(year, mo, d, m.groupdict()) if year else None
        if value:
            return DateMatch(value, "minute" if m["H"] else "day", "md-inferred", m.span())
    return None


def _relative(text: str, asof: date) -> DateMatch | None:
    base = datetime(asof.year, asof.month, asof.day, 23, 59)
    for word, days in (("刚刚", 0), ("剛剛", 0), ("今天", 0), ("大前天", 3), ("前天", 2), ("昨天", 1), ("昨晚", 1)):
        i = text.find(word)
        if i >= 0:
            return DateMatch(asof - timedelta(days=days), "day", "relative", (i, i + len(word)))
    m = _RELATIVE.search(text)
    if not m:
        return None
    n = _cn_number(m["n"]) if m["n"] and not m["n"].isdigit() else int(m["n"] or 1)
    unit = m["u"]
    if unit in ("个月", "個月"):
        return None  # month precision only: not a day
    delta = {"秒": timedelta(seconds=n), "分钟": timedelta(minutes=n), "分鐘": timedelta(minutes=n),
             "小时": timedelta(hours=n or 0.5), "小時": timedelta(hours=n or 0.5),
             "天": timedelta(days=n), "日": timedelta(days=n), "周": timedelta(weeks=n),
             "週": timedelta(weeks=n)}[unit]
    return DateMatch(_day(base - delta), "day", "relative", m.span())


def parse_date_fallback(text: str, asof: date) -> DateMatch | None:
    """parse_date, then dateparser for forms we do not know; its result is checked the same way."""
    found = parse_date(text, asof)
    if found or not text or len(text) > 64:
        return found
    settings = {"RELATIVE_BASE": datetime(asof.year, asof.month, asof.day), "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        value = dateparser.parse(normalize_text(text), languages=["zh", "en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if value is None or value.date() > asof + timedelta(days=1) or value.year < 1990:
        return None
    return DateMatch(value.date(), "day", "dateparser")


_URL_DATES = (
    (re.compile(r"[/_]t((?:19|20)\d\d)([01]\d)([0-3]\d)_"), "url-trs"),
    (re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)/"), "url-ymd"),
    (re.compile(r"/((?:19|20)\d\d)-([01]\d)/([0-3]\d)/"), "url-ym-d"),
)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)([01]\d)/")


def url_date(url: str) -> DateMatch | None:
    """A date embedded in a URL (TRS t20230209_, Hanweb /art/2023/2/9/, gov.cn /2023-02/09/)."""
    for pattern, form in _URL_DATES:
        m = pattern.search(url)
        if m:
            try:
                return DateMatch(date(int(m[1]), int(m[2]), int(m[3])), "day", form)
            except ValueError:
                continue
    return None


def url_year(url: str) -> int | None:
    found = url_date(url)
    if found:
        return found.value.year
    m = _URL_MONTH.search(url)
    if m and 1 <= int(m[2]) <= 12:
        return int(m[1])
    return None
