"""The date normaliser: every catalogue form, every trap, and no exception on any input."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.dates import (infer_list_years, infer_year, parse_date, parse_date_box, parse_date_fallback, url_date,
                           url_month, url_year)

ASOF = date(2023, 2, 9)  # a Thursday

CATALOGUE = [
    # ISO-like, dotted, slashed, compact
    ("2023-02-09", "2023-02-09", "ymd"),
    ("2023-2-9", "2023-02-09", "ymd"),
    ("2023/02/09", "2023-02-09", "ymd"),
    ("2023.02.09", "2023-02-09", "ymd"),
    ("20230209", "2023-02-09", "compact"),
    ("2023 02/09 10:45:32", "2023-02-09T10:45:32", "y-md"),  # news.cn's dateline: the year apart
    ("2023  2/9", "2023-02-09", "y-md"),
    ("2023-02-09 10:00:43", "2023-02-09T10:00:43", "ymd"),
    ("2023-02-08T20:00:00Z", "2023-02-09T04:00:00", "ymd"),  # UTC → Beijing time changes the day
    ("2023-02-09T10:00:00+08:00", "2023-02-09T10:00:00", "ymd"),
    # 年月日 with weekday, time, spaces, full width
    ("2023年02月09日", "2023-02-09", "ymd-cn"),
    ("2023年2月9日 10:00", "2023-02-09T10:00:00", "ymd-cn"),
    ("2023 年 2 月 9 日", "2023-02-09", "ymd-cn"),
    ("2024年03月05日 星期二", "2024-03-05", "ymd-cn"),
    ("2024年3月5日（星期二）14:30", "2024-03-05T14:30:00", "ymd-cn"),
    ("2023年2月9日 10时30分", "2023-02-09T10:30:00", "ymd-cn"),
    ("２０２３－０２－０９", "2023-02-09", "ymd"),
    ("２０２３年２月９日", "2023-02-09", "ymd-cn"),
    # Chinese numerals
    ("二〇二三年二月九日", "2023-02-09", "cn-numerals"),
    ("二〇二二年十二月三十一日", "2022-12-31", "cn-numerals"),
    ("二零二一年十月二十日", "2021-10-20", "cn-numerals"),
    # labelled and bracketed
    ("发布时间：2023-02-09", "2023-02-09", "ymd"),
    ("发布日期:2020年08月02日", "2020-08-02", "ymd-cn"),
    ("日期：2023-02-09", "2023-02-09", "ymd"),
    ("时间 : 2023/2/9 8:05", "2023-02-09T08:05:00", "ymd"),
    ("[2023-02-09]", "2023-02-09", "ymd"),
    ("【2023-02-09】", "2023-02-09", "ymd"),
    ("(02-09)", "2023-02-09", "md-inferred"),
    # year-less, never in the future
    ("02-09", "2023-02-09", "md-inferred"),
    ("12-28", "2022-12-28", "md-inferred"),
    ("02-10", "2022-02-10", "md-inferred"),
    ("2月9日", "2023-02-09", "md-inferred"),
    ("02月09日 12:00", "2023-02-09T12:00:00", "md-inferred"),
    ("时间:05-17", "2022-05-17", "md-inferred"),
    # two-digit years, year first
    ("18-03-08", "2018-03-08", "yy-md"),
    ("发布时间：18-03-08", "2018-03-08", "yy-md"),
    ("23年2月9日", "2023-02-09", "yy-md"),
    # relative against asof
    ("刚刚", "2023-02-09", "relative"),
    ("剛剛", "2023-02-09", "relative"),
    ("5秒前", "2023-02-09", "relative"),
    ("5分钟前", "2023-02-09", "relative"),
    ("十分钟前", "2023-02-09", "relative"),
    ("半小时前", "2023-02-09", "relative"),
    ("3小时前", "2023-02-09", "relative"),
    ("25小时前", "2023-02-08", "relative"),
    ("今天 12:00", "2023-02-09T12:00:00", "relative"),
    ("昨天 23:01", "2023-02-08T23:01:00", "relative"),
    ("昨晚8点", "2023-02-08", "relative"),
    ("昨天下午", "2023-02-08", "relative"),
    ("前天上午", "2023-02-07", "relative"),
    ("前天", "2023-02-07", "relative"),
    ("大前天", "2023-02-06", "relative"),
    ("两天前", "2023-02-07", "relative"),
    ("3天前", "2023-02-06", "relative"),
    ("1日前", "2023-02-08", "relative"),
    ("2周前", "2023-01-26", "relative"),
    ("下午3点", "2023-02-09", "relative"),
    ("发布于 昨天", "2023-02-08", "relative"),
    # weekday relative: the most recent past occurrence
    ("周五下午3点", "2023-02-03", "weekday-relative"),
    ("星期日", "2023-02-05", "weekday-relative"),
    ("周四", "2023-02-09", "weekday-relative"),
    ("上周四", "2023-02-02", "weekday-relative"),
    ("周三下午", "2023-02-08", "weekday-relative"),  # not today's afternoon
    ("上周五晚上", "2023-02-03", "weekday-relative"),
    # epoch seconds and milliseconds, UTC → +08:00
    ("1581517074", "2020-02-12T22:17:54", "epoch-s"),
    ("1581517074000", "2020-02-12T22:17:54", "epoch-ms"),
    ('var ct = "1581517074";', "2020-02-12T22:17:54", "epoch-s"),
    ("timeConvert('1500773936')", "2017-07-23T09:38:56", "epoch-s"),
    # ctime and RFC 822
    ("Sat Feb 04 12:00:00 +0800 2023", "2023-02-04T12:00:00", "ctime"),
    ("Thu, 09 Feb 2023 02:00:00 GMT", "2023-02-09T10:00:00", "rfc822"),
    ("Wed, 08 Feb 2023 20:30:00 +0000", "2023-02-09T04:30:00", "rfc822"),
    # an English page's, the month by its name
    ("Published: February 9, 2023", "2023-02-09", "mdy-en"),
    ("Posted on Feb. 9th, 2023 by admin", "2023-02-09", "mdy-en"),
    ("Sept 30 2022", "2022-09-30", "mdy-en"),
    ("Jane Doe · 9 February 2023", "2023-02-09", "dmy-en"),
    ("the 9th of Feb, 2023", "2023-02-09", "dmy-en"),
    # day and month by number, when one of them is over 12
    ("28/02/2023", "2023-02-28", "dmy"), ("28.2.2023", "2023-02-28", "dmy"), ("02/28/2023", "2023-02-28", "mdy"),
    ("发布日期：13/01/2023 10:00", "2023-01-13", "dmy"),
]

NOT_A_DAY = [
    "", "   ", "2024年", "2023年2月", "2023-02", "02-30", "2023-02-30", "2023年2月30日", "2023-13-01",
    "3个月前", "2年前", "5分钟后", "3天后", "几天前", "第1-2期", "页面生成时间", "暂无", "未答复",
    "13812345678", "1999999999999999", "周末愉快", "今天我们开会",  # prose, not a date
    "日前", "日前，县政府召开常务会议",  # 日前 is "recently", not a day ago
    "每周三", "每周三下午", "第5周前",  # every Wednesday, before week 5
    "2023 1/2/3",  # a year beside a fraction-like run, not a dateline
    "May 2023", "February 30, 2023", "Mayday 9, 2023", "Room 9 March 2023A",  # no day, no such day, no month word
    "05/06/2022", "1.2.2019", "2.28.2023", "v1.28.2019", "31/02/2023",  # either way round, a version, no such day
]


@pytest.mark.parametrize("text,expected,form", CATALOGUE)
def test_every_catalogue_form(text, expected, form):
    found = parse_date(text, ASOF)
    assert found is not None, text
    assert found.value.isoformat() == expected
    assert found.form == form


@pytest.mark.parametrize("text", NOT_A_DAY)
def test_never_a_silently_wrong_day(text):
    assert parse_date(text, ASOF) is None


def test_a_year_less_date_is_never_in_the_future():
    for month in range(1, 13):
        for day in range(1, 29):
            found = parse_date(f"{month:02d}-{day:02d}", ASOF)
            assert found.day <= ASOF
            assert (ASOF - found.day).days < 366


def test_year_hint_from_the_url_wins_unless_it_lands_in_the_future():
    assert parse_date("05-17", ASOF, year_hint=2017).value == date(2017, 5, 17)
    assert parse_date("05-17", ASOF, year_hint=2017).form == "md-url-year"
    assert parse_date("05-17", ASOF, year_hint=2023).value == date(2022, 5, 17)


def test_feb_29_falls_back_to_the_last_leap_year_or_nothing():
    assert infer_year(2, 29, date(2024, 3, 1)) == 2024
    assert infer_year(2, 29, date(2025, 3, 1)) == 2024
    assert infer_year(2, 29, date(2026, 3, 1)) is None  # 2026 and 2025 have none: no guess further back
    assert parse_date("02-29", date(2026, 3, 1)) is None


def test_newest_first_list_rolls_the_year_back():
    # 06-15 then 12-31 going down a newest-first list: the year before
    pairs = [(1, 8), (1, 3), (12, 28), (12, 15), (11, 30), (6, 15), (12, 31)]
    assert infer_list_years(pairs, date(2024, 1, 10)) == [2024, 2024, 2023, 2023, 2023, 2023, 2022]


def test_oldest_first_list_is_not_rolled_back():
    pairs = [(1, 5), (1, 10), (1, 20), (2, 1)]
    assert infer_list_years(pairs, ASOF) == [2023, 2023, 2023, 2023]


def test_relative_against_a_datetime_asof():
    found = parse_date("3小时前", datetime(2023, 2, 9, 1, 30))
    assert found.value == date(2023, 2, 8)


def test_a_relative_count_reaching_before_year_one_is_no_date():
    assert parse_date("1000000天前", date(2000, 1, 1)) is None
    assert parse_date("99999999周前", ASOF) is None
    assert parse_date("500天前", date(2000, 1, 1)).value == date(1998, 8, 19)


def test_dateparser_is_only_a_checked_fallback():
    assert parse_date_fallback("3 days ago", ASOF).form == "dateparser"
    assert parse_date_fallback("in 3 days", ASOF) is None  # in the future: refused
    assert parse_date_fallback("2023-02-09", ASOF).form == "ymd"  # ours first
    assert parse_date_fallback("March 5, 2022", ASOF).form == "mdy-en"
    assert parse_date_fallback("页面生成时间 3 days ago", ASOF) is None


@pytest.mark.parametrize("text", [
    "3个月前", "1年前", "上个月", "去年",  # a month or a year, not a day
    "3 months ago", "last year",
    "10分钟后", "2天后", "明天", "tomorrow", "in 2 days",  # the future: an error on a published item
    "2022年13月1日", "2023-02-31 10:00", "20231301",  # a form we read, with no such day
    "05/06/2022", "06.05.2022",  # day and month in either order
])
def test_the_fallback_keeps_what_our_parser_refuses(text):
    assert parse_date(text, ASOF) is None
    assert parse_date_fallback(text, ASOF) is None


@pytest.mark.parametrize("text,expected", [
    ("3 days ago", date(2023, 2, 6)), ("yesterday", date(2023, 2, 8)),
])
def test_the_fallback_reads_the_forms_we_do_not(text, expected):
    found = parse_date_fallback(text, ASOF)
    assert (found.value, found.form) == (expected, "dateparser")


@pytest.mark.parametrize("url,expected,form", [
    ("http://a.gov.cn/xwdt/202302/t20230209_123.html", "2023-02-09", "url-trs"),
    ("http://a.gov.cn/art/2016/11/22/art_1229_456.html", "2016-11-22", "url-ymd"),
    ("http://www.gov.cn/zhengce/content/2018-12/29/content_5353.htm", "2018-12-29", "url-ymd"),
    ("http://a.gov.cn/2023/02/09/abc.html", "2023-02-09", "url-ymd"),
])
def test_url_dates(url, expected, form):
    found = url_date(url)
    assert found.value.isoformat() == expected and found.form == form


@pytest.mark.parametrize("parts, expected, form", [
    (["09", "2023-02"], date(2023, 2, 9), "ymd-box"),
    (["2023.02", "9"], date(2023, 2, 9), "ymd-box"),
    (["09日", "2023年02月"], date(2023, 2, 9), "ymd-box"),
    (["2021", "02-09"], date(2021, 2, 9), "ymd-box"),  # the year shown, not the check date's
    (["2021年", "2月9日"], date(2021, 2, 9), "ymd-box"),
    (["09", "02月"], date(2023, 2, 9), "md-inferred"),
    (["12月", "28"], date(2022, 12, 28), "md-inferred"),
])
def test_a_calendar_box_is_read_from_its_two_parts(parts, expected, form):
    found = parse_date_box(parts, ASOF)
    assert (found.value, found.form) == (expected, form)


@pytest.mark.parametrize("parts", [
    ["31", "2023-02"],  # no such day
    ["09", "10"],  # two numbers, no month or year
    ["2023-02", "第1期"],
    ["2023", "2024"],
    ["09", "2023-02", "阅读 35"],  # a third text: not a box
    ["2023-02"],
    ["浏览", "2023-02"],
])
def test_what_is_not_a_calendar_box(parts):
    assert parse_date_box(parts, ASOF) is None


def test_url_month_is_not_a_day():
    url = "http://a.gov.cn/wzxrmzf/zwdt/201705/3c4f0e1a9b8d4e2f8a7c6b5d4e3f2a1b.shtml"
    assert url_date(url) is None
    assert url_month(url) == (2017, 5)
    assert url_year(url) == 2017
    assert url_date("http://a.gov.cn/art/2023/2/30/art_1.html") is None


@settings(max_examples=400, deadline=None)
@given(st.text(), st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_never_raises_and_year_less_forms_stay_in_the_past(text, asof):
    found = parse_date(text, asof)
    if found is not None and found.form in ("md-inferred", "md-rollback", "relative", "weekday-relative"):
        assert found.day <= asof
    url_date(text)
    url_month(text)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[\d年月日\-/.:： 前天小时分钟星期周一二三四五六日〇十半两刚昨今]{0,24}", fullmatch=True))
def test_never_raises_on_date_like_noise(text):
    found = parse_date(text, ASOF)
    if found is not None:
        assert found.precision in ("minute", "day")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(1, 31)), max_size=30))
def test_list_years_never_raise_and_never_invent_a_day(pairs):
    years = infer_list_years(pairs, ASOF)
    assert len(years) == len(pairs)
    for (m, d), y in zip(pairs, years):
        if y is not None:
            assert date(y, m, d) <= ASOF
