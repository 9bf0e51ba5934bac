"""Chinese-aware date normalisation: a string → a date (or None) and the form that matched.

Every year-less or relative form is resolved against ``asof`` (the 监测时间点), never the wall
clock. A result that would be silently wrong (year only, month only, 02-30, a year-less date
that lands in the future) is None. Forms are tried from the most to the least specific; the
catalogue is in docs/extraction.md.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

import dateparser

CST = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class DateMatch:
    value: date | datetime
    precision: str  # "minute" or "day"
    form: str  # which pattern matched, e.g. "ymd", "ymd-cn", "md-inferred", "relative", "dateparser"
    span: tuple[int, int] = (0, 0)

    @property
    def day(self) -> date:
        return self.value.date() if isinstance(self.value, datetime) else self.value


_WEEKDAY = r"(?:\s*[(（]?\s*(?:星期|周|週|礼拜|禮拜)[一二三四五六日天七][)）]?)?"
_TIME = (r"(?:[ T,，]*(?:(?P<ampm>上午|下午|晚上|凌晨|早上|中午)\s*)?(?P<H>\d{1,2})\s*[:：时時点點]\s*(?P<M>\d{1,2})"
         r"(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:\.\d+)?)?\s*分?秒?(?P<tz>Z|[+-]\d\d:?\d\d)?)?")
_YMD = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    + _WEEKDAY + _TIME)
# the year apart from a slashed month/day, as news.cn draws its dateline: 2023 02/09 10:45:32
_Y_MD = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s+(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?![\d/])" + _TIME)
_CN_YMD = re.compile(r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月"
                     r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*[日号]")
_Y2MD = re.compile(r"(?<![\d./-])(?P<y>\d\d)(?:(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日)"
                   r"(?![\d.:/-])" + _TIME)
_COMPACT = re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d])")
_MD = re.compile(r"(?<![\d./\-年])(?P<m>\d{1,2})\s*(?:(?P<sep>[-/])|月)\s*(?P<d>\d{1,2})(?![\d./\-:])\s*[日号]?"
                 + _WEEKDAY + _TIME)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
_DAYNAME = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*"
_MONNAME = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
_RFC = re.compile(rf"(?:{_DAYNAME},?\s+)?(?P<d>\d{{1,2}})\s+{_MONNAME}\s+(?P<y>\d{{4}})\s+(?P<H>\d\d):(?P<M>\d\d)"
                  r"(?::(?P<S>\d\d))?\s*(?P<tz>[+-]\d{4}|GMT|UTC|Z)?", re.I)
_CTIME = re.compile(rf"{_DAYNAME}\s+{_MONNAME}\s+(?P<d>\d{{1,2}})\s+(?P<H>\d\d):(?P<M>\d\d):(?P<S>\d\d)"
                    r"\s+(?:(?P<tz>[+-]\d{4})\s+)?(?P<y>\d{4})", re.I)
# an English page's dates (an English version of a portal, a foreign news page): March 4, 2019; 4 March 2019;
# Mar. 4th, 2019 — the month by name, so day and month cannot be read the wrong way round
_MONTH_WORD = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
               r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_ORDINAL = r"(?:st|nd|rd|th)?"
_MDY = re.compile(rf"\b{_MONTH_WORD}\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH_WORD},?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_EPOCH = re.compile(r"^\s*['\"]?(?P<n>1\d{9}(?:\d{3})?)['\"]?\s*$|"
                    r"(?:\bct|time|timestamp|publish_?time|create_?time|pubtime|timeConvert)\s*(?:[=:(]\s*)+['\"]?"
                    r"(?P<n2>1\d{9}(?:\d{3})?)(?!\d)", re.I)
_TEN_DIGITS = re.compile(r"1\d{9}").search
_CN_NUM = "〇零一二两三四五六七八九十半几"
_AGO = re.compile(rf"(?P<n>\d+|[{_CN_NUM}]+)?\s*(?:个|個)?\s*(?P<u>秒钟|秒鐘|秒|分钟|分鐘|分|小时|小時|钟头|鐘頭|天|日|周|週|星期|个月|個月|月|年)\s*(?P<dir>前|以前|之前|后|後|以后|以後)")
_DAY_WORDS = (("大前天", 3), ("前天", 2), ("昨天", 1), ("昨日", 1), ("昨晚", 1), ("昨夜", 1), ("今天", 0),
              ("今日", 0), ("今晨", 0), ("今早", 0), ("今晚", 0), ("刚刚", 0), ("剛剛", 0), ("刚才", 0),
              ("上午", 0), ("下午", 0), ("中午", 0), ("晚上", 0), ("凌晨", 0))
_DAY_WORD = re.compile("|".join(w for w, _ in _DAY_WORDS))
_CLOCK = re.compile(r"^\s*(?P<H>\d{1,2})\s*[:：点點时時]\s*(?P<M>\d{1,2})?")
# 昨天, 周五下午3点, 周三下午, 今天 12:00 stand alone; 今天我们开会 is prose
_AFTER_WORD = re.compile(r"\s*(?:上午|下午|中午|晚上|凌晨|早上|早晨)?"
                         r"(?:\s*\d{1,2}\s*[:：点點时時](?:\s*\d{1,2})?\s*分?)?"
                         r"\s*(?:$|[\s\])）】,，|/·;；])")
_WEEKDAY_REL = re.compile(r"(?P<last>上)?(?:星期|周|週|礼拜|禮拜)(?P<w>[一二三四五六日天七])")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# a relative or weekday word counts only at the start of the string (after a label or bracket):
# inside prose "今天" or "周一" is not a date
_PREFIX = 12
_HAS_DIGIT = re.compile(r"\d").search
_HAS_LETTER = re.compile(r"[A-Za-z]").search
_BUILD_TIME = re.compile(r"页面生成|生成时间|生成日期|Maketime", re.I)


def _cn_number(text: str) -> int | None:
    if not text:
        return None
    if text == "半":
        return 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, 1) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    if all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    return None


def _hour(groups: dict) -> int | None:
    h = int(groups["H"])
    ampm = groups.get("ampm")
    if ampm in ("下午", "晚上") and h < 12:
        h += 12
    return h


def _build(y: int, m: int, d: int, groups: dict) -> date | datetime | None:
    """A date, or a datetime when a valid time follows; an impossible day is None."""
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if not groups.get("H"):
        return day
    h, mi, s = _hour(groups), int(groups["M"]), int(groups.get("S") or 0)
    if h > 23 or mi > 59 or s > 59:
        return day  # a garbled time does not make the day wrong
    value = datetime(y, m, d, h, mi, s)
    tz = groups.get("tz")
    if tz:
        value = _to_cst(value, tz)
    return value


def _to_cst(value: datetime, tz: str) -> datetime:
    """A time with an explicit zone, as Beijing time (the day can change)."""
    if tz.upper() in ("Z", "GMT", "UTC"):
        offset = timedelta(0)
    else:
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return (value.replace(tzinfo=timezone(offset))).astimezone(CST).replace(tzinfo=None)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def asof_day(asof: date | datetime) -> date:
    return asof.date() if isinstance(asof, datetime) else asof


def infer_year(month: int, day: int, asof: date) -> int | None:
    """The year that puts MM-DD on or before ``asof``: a list item is never in the future."""
    asof = asof_day(asof)
    for year in (asof.year, asof.year - 1):
        try:
            if date(year, month, day) <= asof:
                return year
        except ValueError:
            continue  # 02-29 in a non-leap year: try the year before
    return None


def infer_list_years(pairs: list[tuple[int, int]], asof: date) -> list[int | None]:
    """Years for year-less (month, day) items of one list, read top to bottom.

    In a newest-first list a month-day that rises again going down means the year rolled back
    (06-15 then 12-31 is 2022-06-15 then 2021-12-31). A list that is not mostly newest-first
    gets the plain per-item inference.
    """
    asof = asof_day(asof)
    rises = sum(1 for a, b in zip(pairs, pairs[1:]) if b > a)
    falls = sum(1 for a, b in zip(pairs, pairs[1:]) if b < a)
    if not pairs or rises == 0 or rises * 2 > falls:
        return [infer_year(m, d, asof) for m, d in pairs]
    years: list[int | None] = []
    year = infer_year(*pairs[0], asof)
    prev = pairs[0]
    for pair in pairs:
        if year is None:
            years.append(None)
            continue
        if pair > prev:
            year -= 1
        try:
            date(year, *pair)
        except ValueError:
            years.append(None)  # 02-29 in a year without one: no silent guess
            prev = pair
            continue
        years.append(year)
        prev = pair
    return years


def normalize_text(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).replace("\xa0", " ")


def parse_date(text: str, asof: date, *, year_hint: int | None = None) -> DateMatch | None:
    """Find the first date in ``text``, the most specific form first.

    ``year_hint`` (for example a year from the item's URL) is used for year-less dates when it
    does not put the date after ``asof``.
    """
    if not text or not isinstance(text, str):
        return None
    return _parse_date(text, asof, year_hint)


# a site's pages repeat their dates and the texts around them (lists, panels, a column's page 1 on the homepage)
@functools.lru_cache(maxsize=16384)
def _parse_date(text: str, asof: date, year_hint: int | None) -> DateMatch | None:
    text = normalize_text(text)
    today = asof_day(asof)
    digits = _HAS_DIGIT(text) is not None
    if digits:
        for m in _YMD.finditer(text):
            value = _build(int(m["y"]), int(m["m"]), int(m["d"]), m.groupdict())
            if value:
                return DateMatch(value, "minute" if isinstance(value, datetime) else "day",
                                 "ymd-cn" if m["sep"] == "年" else "ymd", m.span())
        if "/" in text:
            m = _Y_MD.search(text)
            value = _build(int(m["y"]), int(m["m"]), int(m["d"]), m.groupdict()) if m else None
            if value:
                return DateMatch(value, "minute" if isinstance(value, datetime) else "day", "y-md", m.span())
    if "年" in text:
        m = _CN_YMD.search(text)
        if m:
            y, mo, d = _cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"])
            value = _build(y, mo, d, {}) if None not in (y, mo, d) else None
            if value:
                return DateMatch(value, "day", "cn-numerals", m.span())
    if digits:
        found = _english(text) or _day_first_or_month_first(text) or _two_digit_year(text) or _compact(text) \
            or _epoch(text, today)
        if found:
            return found
    found = _relative(text, asof)
    if found:
        return found
    if digits:
        for m in _MD.finditer(text):
            if m["sep"] and not _plausible_md(text, m):
                continue
            return _year_less(int(m["m"]), int(m["d"]), m, today, year_hint)
    return None


# A list item's date drawn as a calendar box: the day in one element, the year and month in another
# (<b>09</b><i>2023-02</i>), or the year apart from the month and day (<em>2023</em><span>02-09</span>).
_BOX_YM = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*月?")
_BOX_Y = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年?")
_BOX_MD = re.compile(r"(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?")
_BOX_M = re.compile(r"(?P<m>\d{1,2})\s*月")
_BOX_D = re.compile(r"(?P<d>\d{1,2})\s*日?")


def parse_date_box(parts: list[str], asof: date, *, year_hint: int | None = None) -> DateMatch | None:
    """The date of a box whose two texts, each whole, are its parts: a day and a year-month, a year and
    a month-day (form ``ymd-box``), or a day and a month (year-less, read as parse_date reads 2月9日).
    Either order; a third text or anything but these and it is not a date box."""
    if len(parts) != 2:
        return None
    a, b = (normalize_text(p).strip() for p in parts)
    span = (0, len(a) + 1 + len(b))
    for first, second in ((a, b), (b, a)):
        ym, d = _BOX_YM.fullmatch(first), _BOX_D.fullmatch(second)
        y, md = _BOX_Y.fullmatch(first), _BOX_MD.fullmatch(second)
        if (ym and d) or (y and md):
            year, month, day = (ym["y"], ym["m"], d["d"]) if ym and d else (y["y"], md["m"], md["d"])
            value = _build(int(year), int(month), int(day), {})
            return DateMatch(value, "day", "ymd-box", span) if value else None
        m, d = _BOX_M.fullmatch(first), _BOX_D.fullmatch(second)
        if m and d:
            found = parse_date(f"{m['m']}月{d['d']}日", asof, year_hint=year_hint)
            return replace(found, span=span) if found else None
    return None


def _plausible_md(text: str, m) -> bool:
    """05-17 alone or beside a title; not a range such as 第1-2期, a code like A1-2 or 1/2页."""
    before = text[m.start() - 1:m.start()] if m.start() else ""
    after = text[m.end():m.end() + 1]
    if before and (before.isascii() and before.isalpha() or before in "第约共至到~"):
        return False
    return not (after and after in "期版章节条款页个项次号楼层批届%")


def _year_less(mo: int, d: int, m, asof: date, year_hint: int | None) -> DateMatch | None:
    if year_hint:
        try:
            if date(year_hint, mo, d) <= asof:
                value = _build(year_hint, mo, d, m.groupdict())
                return DateMatch(value, "minute" if isinstance(value, datetime) else "day", "md-url-year", m.span())
        except ValueError:
            return None
    year = infer_year(mo, d, asof)
    value = _build(year, mo, d, m.groupdict()) if year else None
    if not value:
        return None
    return DateMatch(value, "minute" if isinstance(value, datetime) else "day", "md-inferred", m.span())


def _two_digit_year(text: str) -> DateMatch | None:
    """18-03-08 is 2018-03-08: year first, as Chinese sites write it."""
    for m in _Y2MD.finditer(text):
        mo, d = (m["m"], m["d"]) if m["m"] else (m["m2"], m["d2"])
        value = _build(2000 + int(m["y"]), int(mo), int(d), m.groupdict())
        if value:
            return DateMatch(value, "minute" if isinstance(value, datetime) else "day", "yy-md", m.span())
    return None


# 28/06/2024 or 28.6.2024 (day first, as Hong Kong and Europe write it) or 06/28/2024 (month first): read
# only when one of the two numbers is over 12, so that the order cannot be mistaken; 05/06/2024 stays unread
_DMY_OR_MDY = re.compile(r"(?<![A-Za-z\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)"
                         r"(?![\d/.])")


def _day_first_or_month_first(text: str) -> DateMatch | None:
    if "/" not in text and "." not in text:
        return None
    for m in _DMY_OR_MDY.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if (a > 12) == (b > 12) or (m["sep"] == "." and a <= 12):  # no one writes the month first with dots
            continue
        day, month, form = (a, b, "dmy") if a > 12 else (b, a, "mdy")
        value = _build(int(m["y"]), month, day, {})
        if value:
            return DateMatch(value, "day", form, m.span())
    return None


def _compact(text: str) -> DateMatch | None:
    for m in _COMPACT.finditer(text):
        value = _build(int(m["y"]), int(m["m"]), int(m["d"]), {})
        if value:
            return DateMatch(value, "day", "compact", m.span())
    return None


def _english(text: str) -> DateMatch | None:
    """Weibo's ctime (Sat Feb 09 12:00:00 +0800 2023) and RSS/RFC 822 dates, as Beijing time; then the
    first date written with the month's name (March 4, 2019; 4 March 2019)."""
    if _HAS_LETTER(text) is None:
        return None
    for pattern, form in ((_CTIME, "ctime"), (_RFC, "rfc822")):
        m = pattern.search(text)
        if m:
            groups = m.groupdict()
            value = _build(int(m["y"]), _MONTHS[m["mon"][:3].lower()], int(m["d"]), groups)
            if value:
                return DateMatch(value, "minute", form, m.span())
    found = [m for m in (_MDY.search(text), _DMY.search(text)) if m]
    for m in sorted(found, key=lambda m: m.start()):
        value = _build(int(m["y"]), _MONTHS[m["mon"][:3].lower()], int(m["d"]), {})
        if value:
            return DateMatch(value, "day", "mdy-en" if m.re is _MDY else "dmy-en", m.span())
    return None


def _epoch(text: str, asof: date) -> DateMatch | None:
    """Unix seconds or milliseconds (UTC), as Beijing time; only a bare number or a known variable."""
    if _TEN_DIGITS(text) is None:  # the variable names are looked for in every position: rule most text out first
        return None
    m = _EPOCH.search(text)
    if not m:
        return None
    raw = m["n"] or m["n2"]
    seconds = int(raw) / (1000 if len(raw) == 13 else 1)
    value = datetime.fromtimestamp(seconds, CST).replace(tzinfo=None, microsecond=0)
    if value.year < 2000 or value.date() > asof + timedelta(days=1):
        return None
    return DateMatch(value, "minute", "epoch-ms" if len(raw) == 13 else "epoch-s", m.span())


def _relative(text: str, asof: date | datetime) -> DateMatch | None:
    """刚刚, N分钟前, 半小时前, 两天前, 昨天 23:01, 前天, 周五下午3点 … against ``asof``.

    A date ``asof`` stands for the end of that day; a datetime is used as it is.
    """
    base = asof if isinstance(asof, datetime) else datetime(asof.year, asof.month, asof.day, 23, 59, 59)
    m = _AGO.search(text, 0, _PREFIX + 12)
    if m and m.start() <= _PREFIX:
        if m["dir"] not in ("前", "以前", "之前") or _counted(text, m.start()):
            return None  # a future form on a published item is an error, not a date
        unit, raw = m["u"], m["n"]
        if unit in ("个月", "個月", "月", "年"):
            return None  # month or year precision only: not a day
        if raw in (None, ""):
            n: float | None = None if unit == "日" else 1  # 日前 is "recently", not a day ago
        elif raw.isdigit():
            n = int(raw)
        elif raw == "几":
            n = 3 if unit in ("秒", "秒钟", "秒鐘", "分钟", "分鐘", "分") else None  # 几天前 is no day
        elif raw == "半":
            n = 0.5
        else:
            n = _cn_number(raw)
        if n is None:
            return None
        step = {"秒": "seconds", "秒钟": "seconds", "秒鐘": "seconds", "分钟": "minutes", "分鐘": "minutes",
                "分": "minutes", "小时": "hours", "小時": "hours", "钟头": "hours", "鐘頭": "hours", "天": "days",
                "日": "days", "周": "weeks", "週": "weeks", "星期": "weeks"}[unit]
        try:
            return DateMatch(_day(base - timedelta(**{step: n})), "day", "relative", m.span())
        except OverflowError:  # 1000000天前 reaches before the year 1: a number, not a date
            return None
    word = _DAY_WORD.search(text, 0, _PREFIX + 4)
    if word and not _AFTER_WORD.match(text, word.end()):
        word = None
    m = _WEEKDAY_REL.search(text, 0, _PREFIX + 4)
    if m and _counted(text, m.start()):
        if word and word.start() == m.end():
            word = None  # 每周三下午: nor is its 下午 today's
        m = None
    if m and not _AFTER_WORD.match(text, m.end()):
        m = None
    if word and word.start() <= _PREFIX and not (m and m.start() < word.start()):
        back = dict(_DAY_WORDS)[word.group(0)]
        return _at_clock(asof_day(asof) - timedelta(days=back), text, word, "relative")
    if m and m.start() <= _PREFIX:
        today = asof_day(asof)
        back = (today.weekday() - _WEEKDAYS[m["w"]]) % 7
        if m["last"]:
            back = back + 7 if back == 0 else back
        return _at_clock(today - timedelta(days=back), text, m, "weekday-relative")
    return None


def _counted(text: str, start: int) -> bool:
    """第5周前 (before week 5) and 每周三 (every Wednesday) are a count or a rule, not a day."""
    return start > 0 and text[start - 1] in "第每"


def _at_clock(day: date, text: str, m, form: str) -> DateMatch:
    """昨天 23:01 keeps its time; 下午3点 and 昨晚8点 are days (the clock word is too vague)."""
    rest = text[m.end():]
    clock = _CLOCK.match(rest)
    if clock and clock["M"] and ":" in rest[:clock.end()] and not _DAY_WORD.match(rest):
        h, mi = int(clock["H"]), int(clock["M"])
        if h < 24 and mi < 60:
            return DateMatch(datetime(day.year, day.month, day.day, h, mi), "minute", form, (m.start(), m.end() + clock.end()))
    return DateMatch(day, "day", form, m.span())


# Besides the N…前/后 forms (_AGO), what parse_date reads or refuses on purpose and dateparser would
# turn into a day: 去年 into an exact day, 明天 into tomorrow, 2022年13月1日 into 13 January.
_REFUSED = re.compile(
    r"[去今明前]年|[上下本]个?月|这个月|明天|明日|后天|後天|"
    r"\b(?:months?|years?)\s+ago\b|\b(?:last|next|this)\s+(?:week|month|year)\b|\btomorrow\b|"
    r"\bin\s+\d+\s+(?:second|minute|hour|day|week|month|year)s?\b|"
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\b(?:19|20)\d{6}\b", re.I)
def _either_way_round(text: str) -> bool:
    """05/06/2022: 5 June or 6 May."""
    m = _DMY_OR_MDY.search(text)
    return bool(m) and m["a"] != m["b"] and max(int(m["a"]), int(m["b"])) <= 12


def parse_date_fallback(text: str, asof: date) -> DateMatch | None:
    """parse_date, then dateparser for forms we do not know; its result is checked the same way.

    What parse_date reads and refuses stays refused (a month-precision or future relative form, a
    year-first date with no such day), and so does a date whose day and month could be either way
    round: a guessed day is worse than none.
    """
    found = parse_date(text, asof)
    if found or not text or not isinstance(text, str) or len(text) > 64 or _BUILD_TIME.search(text):
        return found
    text = normalize_text(text)
    if _AGO.search(text) or _REFUSED.search(text) or _either_way_round(text):
        return None
    settings = {"RELATIVE_BASE": datetime(asof.year, asof.month, asof.day), "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        value = dateparser.parse(text, languages=["zh", "en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if value is None or value.date() > asof_day(asof) + timedelta(days=1) or value.year < 1990:
        return None
    return DateMatch(value.date(), "day", "dateparser")


_URL_DATES = (
    (re.compile(r"[/_]t((?:19|20)\d\d)([01]\d)([0-3]\d)_"), "url-trs"),
    (re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)/"), "url-ymd"),
    (re.compile(r"/((?:19|20)\d\d)-([01]\d)/([0-3]\d)/"), "url-ym-d"),
    (re.compile(r"/((?:19|20)\d\d)([01]\d)/?([0-3]\d)/"), "url-compact"),
    (re.compile(r"/((?:19|20)\d\d)/([01]\d)([0-3]\d)/"), "url-y-md"),
)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)-?([01]\d)/")


def url_date(url: str) -> DateMatch | None:
    """A day embedded in a URL (TRS t20230209_, Hanweb /art/2023/2/9/, gov.cn /2023-02/09/)."""
    if not url or not isinstance(url, str):
        return None
    for pattern, form in _URL_DATES:
        for m in pattern.finditer(url):
            try:
                return DateMatch(date(int(m[1]), int(m[2]), int(m[3])), "day", form, m.span())
            except ValueError:
                continue
    return None


@functools.lru_cache(maxsize=16384)  # a site's links repeat on every page of it
def url_month(url: str) -> tuple[int, int] | None:
    """(year, month) of a URL: its day when it has one, else a /202302/ folder (Ucap, TRS)."""
    found = url_date(url)
    if found:
        return found.value.year, found.value.month
    m = _URL_MONTH.search(url or "")
    if m and 1 <= int(m[2]) <= 12:
        return int(m[1]), int(m[2])
    return None


def url_year(url: str) -> int | None:
    found = url_month(url)
    return found[0] if found else None
