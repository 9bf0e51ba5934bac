"""首页不更新 and 栏目不更新 on stored facts: windows, boundaries, undated and pinned items, blanks."""

from datetime import date, datetime, timedelta

from rules.base import Context
from rules.builtin.columns_not_updated import ColumnsNotUpdated
from rules.builtin.homepage_not_updated import HomepageNotUpdated
from rules.facts import Column, Item, PageFact, SiteFacts, mark_shared_lists
from rules.security_facts import ArticleDate

ASOF = date(2023, 2, 9)


def ago(days):
    return ASOF - timedelta(days=days)


def column(name, category, dates, level=1, placeholder="", url=None):
    url = url or f"http://s.gov.cn/{name}/"
    items = [Item(url=f"{url}{i}.html", title=f"{name}第{i}条信息标题", date=d, column_url=url) for i, d in enumerate(dates)]
    page = PageFact(url=url, role="column", outcome="ok", status=200, column_url=url, placeholder=placeholder)
    return Column(url=url, name=name, category=category, level=level, items=items, pages=[page])


def site(columns=(), homepage=()):
    s = SiteFacts("s", "某县人民政府", "http://s.gov.cn/", "某市", "portal", status="inspected",
                  homepage_items=[Item(url=f"http://s.gov.cn/h{i}.html", title="t", date=d, source="homepage")
                                  for i, d in enumerate(homepage)], columns=list(columns))
    mark_shared_lists(s)
    return s


def run(rule, s, **params):
    return list(rule.evaluate(s, Context(ASOF, {**rule.defaults, **params})))


def vetoes(findings):
    return [f for f in findings if f.severity == "veto"]


def test_homepage_window_edge_counts_as_updated():
    assert vetoes(run(HomepageNotUpdated(), site(homepage=[ago(14), ago(30)]))) == []
    (f,) = vetoes(run(HomepageNotUpdated(), site(homepage=[ago(15), ago(30)])))
    assert f.evidence["latest"] == ago(15).isoformat() and f.evidence_url == "http://s.gov.cn/h0.html"


def test_homepage_future_and_undated_items_are_not_updates():
    (f,) = vetoes(run(HomepageNotUpdated(), site(homepage=[ASOF + timedelta(days=3), None, ago(40)])))
    assert f.evidence["latest"] == ago(40).isoformat()


def test_nav_only_homepage_is_judged_on_level2_pages():
    fresh = site([column("工作动态", "news", [ago(40)]), column("通知公告", "notice", [ago(5)])])
    assert vetoes(run(HomepageNotUpdated(), fresh)) == []
    stale = site([column("工作动态", "news", [ago(40)]), column("通知公告", "notice", [ago(20), None])])
    (f,) = vetoes(run(HomepageNotUpdated(), stale))
    assert f.evidence["nav_only"] and len(f.evidence["level2"]) == 2


def test_nav_only_homepage_with_an_unread_list_is_a_doubt_not_a_veto():
    stale = [column("工作动态", "news", [ago(40)]), column("通知公告", "notice", [ago(20)])]
    unread = column("政务要闻", "news", [])  # fetched, no list found, no 暂无信息
    (f,) = run(HomepageNotUpdated(), site([*stale, unread]))
    assert f.severity == "warn" and f.evidence["unread"] == [{"name": "政务要闻", "url": unread.url}]
    assert "未作否决" in f.detail
    # a static page without a list is no doubt: the veto stands
    (f,) = run(HomepageNotUpdated(), site([*stale, column("机构职能", "static", [])]))
    assert f.severity == "veto"


def test_nav_only_homepage_without_readable_lists_is_a_warning():
    findings = run(HomepageNotUpdated(), site([column("机构职能", "static", [])]))
    assert [f.severity for f in findings] == ["warn"]


def test_an_undated_homepage_item_its_column_dates_in_the_window_is_a_doubt_not_a_veto():
    news = column("工作动态", "news", [ago(3), ago(20)])
    s = site([news], homepage=[ago(30)])
    s.homepage_items.append(Item(url=news.items[0].url, title="工作动态第0条信息标题", date=None, source="homepage"))
    (f,) = run(HomepageNotUpdated(), s)
    assert f.severity == "warn" and "未标注日期" in f.detail and f.evidence_url == news.items[0].url
    assert f.evidence["undated_but_fresh"] == [{"title": "工作动态第0条信息标题", "url": news.items[0].url,
                                                "date": ago(3).isoformat(), "column": "工作动态"}]
    # shown undated but dated stale in its column: the veto stands
    s.homepage_items[-1] = Item(url=news.items[1].url, title="t", date=None, source="homepage")
    (f,) = run(HomepageNotUpdated(), s)
    assert f.severity == "veto" and "undated_but_fresh" not in f.evidence


def test_script_fetched_homepage_content_is_a_doubt_only_beside_a_fresh_column():
    stale = site([column("工作动态", "news", [ago(40)])], homepage=[ago(30)])
    stale.pages = [PageFact(url=stale.url, role="homepage", outcome="ok", status=200,
                            script_loads=["http://s.gov.cn/api/news.json"])]
    (f,) = run(HomepageNotUpdated(), stale)
    assert f.severity == "veto" and f.evidence["not_read"] == ["http://s.gov.cn/api/news.json"]
    stale.columns = [column("工作动态", "news", [ago(2)])]
    (f,) = run(HomepageNotUpdated(), stale)
    assert f.severity == "warn" and f.evidence["fresh_columns"][0]["name"] == "工作动态"
    # a panel that could not be fetched is content not read too
    stale.pages = [PageFact(url="http://s.gov.cn/yw.html", role="homepage_panel", outcome="timeout", status=None)]
    (f,) = run(HomepageNotUpdated(), stale)
    assert f.severity == "warn" and f.evidence["not_read"] == ["http://s.gov.cn/yw.html"]


def test_an_undated_list_takes_its_articles_own_dates():
    cols = [column(f"动态{k}", "news", [None, None]) for k in range(5)]
    s = site(cols, homepage=[ago(1)])
    (f,) = vetoes(run(ColumnsNotUpdated(), s))  # five lists without a date: the veto, as the rule says
    assert f.subject == "clause1" and f.evidence["columns"][0]["latest"] is None
    # the articles fetched from three of them show their dates on their own pages: two fresh, one stale
    s.articles = [ArticleDate(url=cols[0].items[0].url, date=ago(3), evidence={}),
                  ArticleDate(url=cols[1].items[1].url, date=datetime(2023, 2, 1, 9, 30), evidence={}),
                  ArticleDate(url=cols[2].items[0].url, date=ago(40), evidence={})]
    findings = run(ColumnsNotUpdated(), s)
    assert vetoes(findings) == []
    (f,) = [f for f in findings if f.subject == "clause1"]
    assert f.evidence["count"] == 3
    stale = {c["name"]: c for c in f.evidence["columns"]}
    assert stale["动态2"]["latest"] == ago(40).isoformat() and stale["动态2"]["latest_from"] == "article"
    assert "列表未标注日期，据文章页" in f.detail
    # a page that shows only its document's 成文日期 says so: it was published then or later
    s.articles[2].evidence = {"source": "written", "written": ago(40).isoformat()}
    (f,) = [f for f in run(ColumnsNotUpdated(), s) if f.subject == "clause1"]
    assert f"{ago(40)}，列表未标注日期，据文章页成文日期" in f.detail
    # so does one dated only by its update, or by a day its text speaks of
    s.articles[2].evidence = {"source": "updated", "updated": ago(40).isoformat()}
    (f,) = [f for f in run(ColumnsNotUpdated(), s) if f.subject == "clause1"]
    assert f"{ago(40)}，列表未标注日期，据文章页更新时间" in f.detail
    s.articles[2].evidence = {"source": "text", "text": ago(40).isoformat()}
    (f,) = [f for f in run(ColumnsNotUpdated(), s) if f.subject == "clause1"]
    assert f"{ago(40)}，列表未标注日期，据文章页正文所述日期" in f.detail


def test_not_inspected_site_gets_no_finding():
    s = site(homepage=[ago(100)])
    s.status = "not_inspected"
    assert run(HomepageNotUpdated(), s) == [] and run(ColumnsNotUpdated(), s) == []


def test_clause1_counts_news_at_any_level_and_first_level_notices():
    cols = [column(f"动态{i}", "news", [ago(20)], level=2) for i in range(3)]
    cols += [column("通知公告", "notice", [ago(200)]), column("下级通知", "notice", [ago(200)], level=2)]
    findings = run(ColumnsNotUpdated(), site(cols))
    assert [f.subject for f in findings if f.severity == "info"] == ["clause1", "clause2"]
    cols.append(column("政策文件", "notice", [ago(190), ago(400)]))
    (f,) = vetoes(run(ColumnsNotUpdated(), site(cols)))
    assert f.subject == "clause1" and f.evidence["count"] == 5
    assert {c["name"] for c in f.evidence["columns"]} == {"动态0", "动态1", "动态2", "通知公告", "政策文件"}


def test_notice_window_is_six_calendar_months():
    six_months = date(2022, 8, 9)
    cols = [column(f"公告{i}", "notice", [six_months]) for i in range(5)]
    assert vetoes(run(ColumnsNotUpdated(), site(cols))) == []
    cols = [column(f"公告{i}", "notice", [six_months - timedelta(days=1)]) for i in range(5)]
    assert len(vetoes(run(ColumnsNotUpdated(), site(cols)))) == 1


def test_pinned_old_item_does_not_hide_a_fresh_list():
    cols = [column(f"动态{i}", "news", [ago(900), ago(2), ago(9)]) for i in range(6)]
    assert vetoes(run(ColumnsNotUpdated(), site(cols))) == []


def test_undated_lists_count_as_not_updated():
    cols = [column(f"动态{i}", "news", [None, None, None]) for i in range(5)]
    (f,) = vetoes(run(ColumnsNotUpdated(), site(cols)))
    assert all(c["latest"] is None and c["undated"] == 3 for c in f.evidence["columns"])


def test_clause2_long_stale_and_clause3_blank():
    cols = [column(f"规划{i}", "personnel_plan", [ago(400)], url=f"http://s.gov.cn/gh{i}/") for i in range(10)]
    (f,) = vetoes(run(ColumnsNotUpdated(), site(cols)))
    assert f.subject == "clause2"
    blanks = [column(f"空{i}", "cadence", [], placeholder="暂无信息") for i in range(5)]
    (f,) = vetoes(run(ColumnsNotUpdated(), site(blanks)))
    assert f.subject == "clause3" and f.evidence["columns"][0]["placeholder"] == "暂无信息"


def test_unreadable_and_shared_lists_are_warnings_not_vetoes():
    box = [ago(400), ago(410), ago(420)]
    cols = [column(f"动态{i}", "news", []) for i in range(3)]
    shared = [column(f"要闻{i}", "news", box) for i in range(3)]
    for c in shared:  # the same three links beside every list
        for k, item in enumerate(c.items):
            item.url = f"http://s.gov.cn/hot/{k}.html"
    s = site(cols + shared)
    findings = run(ColumnsNotUpdated(), s)
    assert vetoes(findings) == []
    (warn,) = [f for f in findings if f.severity == "warn"]
    assert len(warn.evidence["columns"]) == 6
