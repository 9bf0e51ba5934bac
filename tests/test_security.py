"""Security and content signals (暗链, injected spam, forbidden words, expression errors, personal data):
the page scan as plain functions, the rules over its facts, and a real crawl over served sites."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.security import hidden, lexicon, privacy, scan_page
from rules.base import Context
from rules.builtin.privacy_leak import PrivacyLeak
from rules.builtin.security_incident import SecurityIncident
from rules.facts import Item, SiteFacts
from rules.security_facts import ArticleDate, SecurityRow
from tests.conftest import crawl_inspect, query, run_scrapy
from tests.servers import Reply, Served, write_sites

URL = "http://www.example.gov.cn/xwdt/202302/t20230201_1.html"
ASOF = date(2023, 2, 9)
SEED_LAST_LINE = "狼友网精品视频在线观看"  # the seed notice's stored copy ends with this injected line
ID_OK = "54010219880315432X"  # check digit valid
ID_BAD = "540102198803154321"  # same number, wrong check digit
CARD = "6222020200112345679"  # UnionPay prefix, Luhn valid


def page(body: str, title: str = "工作动态", head: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
            f"<div class='nav'><a href='/'>首页</a></div>{body}"
            f"<div class='footer'>主办：某县人民政府办公室 联系电话：0891-6831234 网站标识码：5400000000</div></body></html>")


def article(text: str, **kw) -> str:
    return page(f"<div class='article'><h2>标题</h2><div class='TRS_Editor'>{text}</div></div>", **kw)


def signals(html, role="article", url=URL, **kw):
    return scan_page(html, url, role=role, **kw)


def by_kind(found, kind):
    return [s for s in found if s.kind == kind]


def rows(found, url=URL):
    lex = lexicon.default()
    return [SecurityRow(url=url, subject=s.subject, role="article", kind=s.kind, matched=s.matched, signals=s.signals,
                        category=s.category, source=s.source, target=s.target, context=s.context, score=s.score,
                        right=s.right, level=s.level, lexicon_version=lex.version) for s in found]


def site_with(security=(), items=(), articles=()):
    site = SiteFacts(site_id="s", name="某县", url="http://www.example.gov.cn/", region="r", kind="portal",
                     status="inspected")
    site.security, site.homepage_items, site.articles = list(security), list(items), list(articles)
    return site


def judge(rule, site, **params):
    return list(rule.evaluate(site, Context(asof=ASOF, params={**rule.defaults, **params})))


# --- forbidden words -------------------------------------------------------------------------------


def test_seed_last_line_is_porn_spam_that_vetoes():
    found = by_kind(signals(article("抽查情况通报全文。").replace("</body>", f"{SEED_LAST_LINE} //是否显示作废图标</body>")),
                    "keyword")
    assert [(s.category, s.matched, s.source) for s in found] == [("porn", "狼友、精品视频在线观看", "body")]
    (finding,) = judge(SecurityIncident(), site_with(rows(found)))
    assert finding.severity == "veto" and "狼友" in finding.detail and finding.evidence_url == URL
    assert finding.evidence["lexicon_version"].startswith("allow@") and "porn@" in finding.evidence["lexicon_version"]
    assert SEED_LAST_LINE in finding.evidence["signals"][0]["context"]


def test_spam_in_a_writing_script_is_injected():
    html = page(f"<script>document.write('<p>{SEED_LAST_LINE}</p>');</script>")
    (sig,) = by_kind(signals(html, role="homepage"), "keyword")
    assert sig.source == "script" and "script" in sig.signals


def test_script_word_lists_and_unwritten_strings_never_veto():
    filters = page("<script>var banned = ['六合彩', '百家乐', '狼友', '成人视频', '代开发票', '迷药'];"
                   "function check(t) { document.getElementById('tip').innerHTML = '含敏感词'; }</script>")
    assert signals(filters, role="column") == []
    inert = by_kind(signals(page(f"<script>var s = '{SEED_LAST_LINE}';</script>"), role="column"), "keyword")
    assert [s.source for s in inert] == ["script_inert"]
    assert [f.severity for f in judge(SecurityIncident(), site_with(rows(inert)))] == ["warn"]


def test_lone_term_is_a_warning_and_title_injection_a_veto():
    lone = by_kind(signals(article("本站推荐：真人百家乐。")), "keyword")
    assert [f.severity for f in judge(SecurityIncident(), site_with(rows(lone)))] == ["warn"]
    quoted = by_kind(signals(page("", title="关于收缴老虎机等赌博机具的通告_某县人民政府")), "keyword")
    assert [(s.source, s.matched) for s in quoted] == [("title", "老虎机")]
    assert [f.severity for f in judge(SecurityIncident(), site_with(rows(quoted)))] == ["warn"]
    titled = by_kind(signals(page("", title="澳门新葡京-狼友-六合彩开奖_某县人民政府")), "keyword")
    assert {s.source for s in titled} == {"title"} and {s.category for s in titled} == {"gambling", "porn"}
    (veto,) = judge(SecurityIncident(), site_with(rows(titled)))
    assert veto.severity == "veto" and "页面标题" in veto.detail


@pytest.mark.parametrize("text", [
    "澳门特别行政区政府代表团来我县考察，双方就澳门与内地旅游合作深入交流。",  # 澳门 in ordinary news
    "我县开展严厉打击六合彩、网络赌场等违法犯罪专项行动。",  # the allow-list: fighting gambling is news
    "请拨打12345政务服务便民热线反映问题。",
    "办税服务厅提供代开发票、刻章办证一站式服务，并向学生赠送一本道德与法治读本。",  # services, not spam
    "发布日期：20230209 索引号：000014349/2023-00435 文号：藏政办发〔2023〕1号 时间：202302091607",
])
def test_ordinary_pages_give_no_signal(text):
    assert signals(article(text)) == []


def test_lexicon_hits_ignore_case_and_nested_terms():
    (sig,) = by_kind(signals(article("香港六合彩 BET365 官网")), "keyword")
    assert sig.matched == "香港六合彩、BET365"  # as written on the page; 六合彩 inside it is not a second word


# --- hidden links ------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup, method", [
    ('<div style="display:none"><a href="http://a.top/">真人百家乐</a></div>', "display_none"),
    ('<div class="yc"><a href="http://a.top/">真人百家乐</a></div>', "visibility_hidden"),
    ('<div style="height:0;overflow:hidden"><a href="http://a.top/">真人百家乐</a></div>', "zero_size"),
    ('<p style="position:absolute;top:-3000px"><a href="http://a.top/">真人百家乐</a></p>', "offscreen"),
    ('<span style="color:#FFF"><a href="http://a.top/">真人百家乐</a></span>', "same_color"),
    ('<marquee height="1" scrollamount="3"><a href="http://a.top/">真人百家乐</a></marquee>', "marquee"),
    ('<iframe src="http://a.top/" width="0" height="0"></iframe><div style="display:none">真人百家乐</div>',
     "zero_iframe"),
])
def test_hiding_methods(markup, method):
    html = page(markup, head="<style>.yc { visibility: hidden }</style>")
    (link,) = by_kind(signals(html, role="homepage"), "hidden_link")
    assert method in link.signals and link.target == "http://a.top/"
    assert {"hidden", "external", "suspicious_tld"} <= set(link.signals)


def test_hiding_found_on_elements_with_class_and_id_and_no_style_sheet():
    # without <style> rules a class or id cannot hide anything, so such elements are skimmed:
    # what they hide by their own inline style, or hide below them, must still be found
    html = page('<div class="list" id="news"><ul class="items"><li class="item"><a href="/a.html" class="t">通知公告</a>'
                '</li></ul></div><div class="box" id="b1" style="display:none"><p class="x">'
                '<a class="l" id="k" href="http://a.top/">真人百家乐</a></p></div>'
                '<span class="c" id="s"><a class="l" href="http://b.top/" style="font-size:0">真人百家乐</a></span>')
    found = {link.target: link for link in by_kind(signals(html, role="homepage"), "hidden_link")}
    assert set(found) == {"http://a.top/", "http://b.top/"}
    assert "display_none" in found["http://a.top/"].signals and "zero_size" in found["http://b.top/"].signals


def test_links_in_nested_hidden_blocks_are_found_once_in_page_order():
    # a noscript block is read as if it stood at the top: what hides inside it is a block of its own
    html = page('<div style="display:none"><a href="http://a.top/">真人百家乐</a>'
                '<p style="color:#fff"><a href="http://b.top/">真人百家乐</a></p>'
                '<noscript><a href="http://e.top/">友情链接</a><p style="font-size:0"><a href="http://c.top/">真人百家乐</a>'
                '</p></noscript></div><div><a href="http://f.top/">友情链接</a></div>'
                '<span style="color:#fff"><a href="http://d.top/">真人百家乐</a></span>')
    found = hidden.scan(html, "http://www.x.gov.cn/").links
    assert [link.href for link in found] == ["http://a.top/", "http://b.top/", "http://c.top/", "http://d.top/"]
    assert [link.methods for link in found] == [{"display_none"}, {"display_none", "same_color"}, {"zero_size"},
                                                {"same_color"}]


def test_hidden_gambling_link_vetoes_with_its_signals():
    html = page('<div style="display:none">澳门新葡京 <a href="http://pj88.xyz/">真人百家乐</a></div>')
    (link,) = by_kind(signals(html, role="homepage"), "hidden_link")
    assert link.score == 1.0 and link.level == "veto"
    findings = judge(SecurityIncident(), site_with(rows(by_kind(signals(html, role="homepage"), "hidden_link"))))
    (veto,) = [f for f in findings if f.severity == "veto"]
    assert "pj88.xyz" in veto.detail and "display_none" in veto.detail and "需人工复核确认" in veto.detail
    assert veto.evidence["review"] == "required" and veto.evidence["signals"][0]["target"] == "http://pj88.xyz/"


@pytest.mark.parametrize("script, method", [
    ("document.write('<a href=\"http://b.xyz/\">真人百家乐</a>');", "script_write"),
    ("document.write(atob('{b64}'));", "base64"),
    ("eval(unescape('%64%6f%63%75%6d%65%6e%74.write(%22%3Ca href=%27http://b.xyz/%27%3E真人百家乐%3C/a%3E%22)'));",
     "eval"),
    ("if (navigator.userAgent.toLowerCase().indexOf('baiduspider') > -1) { window.location.href = 'http://b.xyz/'; }",
     "cloaking"),
])
def test_links_written_by_script(script, method):
    b64 = base64.b64encode('<a href="http://b.xyz/">真人百家乐</a>'.encode()).decode()
    found = by_kind(signals(page(f"<script>{script.replace('{b64}', b64)}</script>"), role="homepage"), "hidden_link")
    assert [s.target for s in found] == ["http://b.xyz/"] and method in found[0].signals


def test_a_word_elsewhere_in_a_hidden_tab_is_only_a_warning():
    html = page('<div class="tab2" style="display:none"><ul><li><a href="/a.html">关于收缴老虎机等机具的通告</a></li>'
                '<li><a href="http://www.news.cn/">新华网</a></li></ul></div>')
    (link,) = by_kind(signals(html, role="homepage"), "hidden_link")
    assert "keyword_nearby" in link.signals and "keyword" not in link.signals and link.score == 0.75
    assert [f.severity for f in judge(SecurityIncident(), site_with(rows(by_kind(signals(html), "hidden_link"))))] == ["warn"]


def test_dropdown_menus_and_own_links_are_not_findings():
    html = page('<style>.sub{display:none}</style><ul><li>部门网站<ul class="sub">'
                '<li><a href="http://www.xizang.gov.cn/">自治区政府</a></li><li><a href="http://www.people.com.cn/">人民网</a></li>'
                '<li><a href="/zwgk/">政务公开</a></li></ul></li></ul>'
                '<h1 style="text-indent:-9999px"><a href="/">某县人民政府</a></h1>', head="")
    found = by_kind(signals(html, role="homepage"), "hidden_link")
    assert [(s.target, s.score) for s in found] == [("http://www.people.com.cn/", 0.6)]  # kept as a fact
    assert judge(SecurityIncident(), site_with(rows(found))) == []


MARKUP = ["<div style='display:none'>", "<div style=\"position:absolute;left:-999px\">", "</div>", "<a href='",
          "http://a.top/", "http://[::1", "javascript:x", "'>", "</a>", "<script>", "</script>", "document.write('",
          "atob('", "eval(", "');", "<style>", ".x{display:none}", "</style>", "<iframe width=0 src='", "<marquee>",
          "<!--", "-->", "<font color=#fff>", SEED_LAST_LINE, "澳门新葡京", "打击", "习近凭", ID_OK, CARD, "13812345678",
          "联系电话：", "<div class='TRS_Editor'>", "\x00", "&#0;"]


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=12)), max_size=40).map("".join),
       st.sampled_from(["homepage", "column", "article"]))
def test_scan_never_raises_and_leaves_nothing_to_mask(html, role):
    found = scan_page(html, URL, role=role)
    stored = json.dumps([s.__dict__ for s in found], ensure_ascii=False)
    assert privacy.mask_all(stored) == stored  # nothing left that reads as a personal number


# --- expression errors --------------------------------------------------------------------------------


def test_leader_name_written_wrong_quotes_the_sentence():
    found = by_kind(signals(article("会议传达学习了习近凭总书记重要讲话精神。随后部署了春耕工作。")), "expression")
    assert [(s.matched, s.right, s.level) for s in found] == [("习近凭", "习近平", "veto")]
    (finding,) = judge(SecurityIncident(), site_with(rows(found)))
    assert finding.severity == "veto" and "会议传达学习了习近凭总书记重要讲话精神。" in finding.detail
    assert "春耕" not in finding.detail


def test_user_lexicons_extend_the_bundled_ones(tmp_path):
    (tmp_path / "confusion.csv").write_text("# version: local-3\nwrong,right,level,note\n某某书记,某某同志,warn,本地\n",
                                            encoding="utf-8")
    (tmp_path / "fraud.txt").write_text("# version: 7\n# severity: warn\n刷单返利\n", encoding="utf-8")
    lex = lexicon.load(tmp_path)
    assert "confusion@2026.11.1+local-3" in lex.version and "fraud@7" in lex.version
    found = signals(article("某某书记提醒：刷单返利是骗局。"), lex=lex)
    assert {(s.kind, s.level) for s in found} == {("expression", "warn"), ("keyword", "warn")}


@pytest.mark.parametrize("name, text, message", [
    ("confusion.csv", "# version: 1\nwrong,right,level,note\n习近平,习近平,veto,\n", "row 2"),
    ("confusion.csv", "wrong,right,level,note\n习近凭,习近平,veto,\n", "version"),
    ("confusion.csv", "# version: 1\nwrong,right,level,note\n习近凭,习近平,fatal,\n", "level"),
    ("porn.txt", "成人网站\n", "version"),
])
def test_bad_lexicon_files_are_named(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=message) as err:
        lexicon.load(tmp_path)
    assert name in str(err.value)


def test_a_bad_user_lexicon_stops_the_crawl_naming_the_file(tmp_path):
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "confusion.csv").write_text("wrong,right\n习近凭,习近平\n", encoding="utf-8")
    registry = write_sites(tmp_path / "sites.csv", [("a", "http://127.0.0.80:9/")])
    result = crawl_inspect(registry, tmp_path / "x.db", ASOF, "-s", f"SECURITY_LEXICON_DIRS={lexicons}")
    assert result.returncode != 0 and f"{lexicons / 'confusion.csv'}: no '# version" in result.stderr


# --- personal data ------------------------------------------------------------------------------------


def test_personal_numbers_are_found_and_masked():
    text = f"经审核，张某（身份证号{ID_OK}，手机13812345678）符合条件，补贴发放至银行卡{CARD}。"
    found = by_kind(signals(article(text)), "privacy")
    assert sorted((s.category, s.matched) for s in found) == [
        ("bank_card", "6222***********5679"), ("id_card", "540*************2X"), ("mobile", "138****5678")]
    evidence = json.dumps([s.__dict__ for s in found], ensure_ascii=False)
    assert ID_OK not in evidence and "13812345678" not in evidence and CARD not in evidence
    (finding,) = judge(PrivacyLeak(), site_with(rows(found)))
    assert finding.severity == "warn" and ID_OK not in json.dumps(finding.evidence, ensure_ascii=False)


@pytest.mark.parametrize("text", [
    f"身份证号码{ID_BAD}",  # an ID-like number with a bad check digit
    "联系人：李老师，联系电话：13908901234。",  # an office's contact line
    "咨询电话：0891-6831234，12345热线全天受理。",
    "成交金额 2023020916071234 元；订单编号 1234567890123456。",
])
def test_numbers_that_are_not_personal_data(text):
    assert by_kind(signals(article(text)), "privacy") == []


def test_two_people_whose_numbers_mask_alike_are_two_signals():
    # same region, same sequence and check digit, another birth date: the masks are equal
    twin = next(t for day in range(1, 29) for t in [f"{ID_OK[:6]}199001{day:02d}{ID_OK[14:]}"] if privacy.id_check_ok(t))
    assert privacy.mask(twin, 3, 2) == privacy.mask(ID_OK, 3, 2) and twin != ID_OK
    found = by_kind(signals(article(f"名单：甲 {ID_OK}；乙 {twin}。")), "privacy")
    assert len(found) == 2 and len({s.subject for s in found}) == 2


def test_mobile_numbers_only_count_in_article_bodies():
    html = article("领取人：王某 13812345678")
    assert by_kind(signals(html, role="column"), "privacy") == []
    assert len(by_kind(signals(html, role="article"), "privacy")) == 1


def test_id_check_digit_and_luhn():
    assert privacy.id_check_ok(ID_OK) and not privacy.id_check_ok(ID_BAD)
    assert privacy.luhn_ok(CARD) and not privacy.luhn_ok(CARD[:-1] + "0")


# --- 伪造发稿日期 candidates and overruling ---------------------------------------------------------


def test_future_and_disagreeing_dates_are_warnings():
    future = Item(url="http://www.example.gov.cn/a.html", title="关于春耕的通知", date=date(2023, 3, 1))
    odd = ArticleDate(url=URL, date=date(2023, 1, 10), evidence={"label": "2023-01-10", "list": "2023-02-01"},
                      list_date=date(2023, 2, 1), list_title="工作动态")
    same = ArticleDate(url=URL + "?2", date=date(2023, 2, 1), evidence={}, list_date=date(2023, 2, 1))
    url_only = ArticleDate(url=URL + "?3", date=date(2023, 2, 1), evidence={"url": "2022-11-03"},
                           list_date=date(2023, 2, 1))
    findings = judge(SecurityIncident(), site_with(items=[future], articles=[odd, same, url_only]))
    assert [(f.severity, f.subject) for f in findings] == [("warn", "future_dates"), ("warn", "date_mismatch")]
    assert "2023-03-01" in findings[0].detail and findings[1].evidence["articles"][0]["list_date"] == "2023-02-01"
    assert findings[1].evidence["count"] == 2 and "网址 2022-11-03" in findings[1].detail
    # a page dated by its 成文日期 (or its update, its closing line) was not published that day: no mismatch
    written = ArticleDate(url=URL + "?4", date=date(2022, 12, 1), evidence={"source": "written", "written": "2022-12-01"},
                          list_date=date(2023, 2, 1))
    (_, mismatch) = judge(SecurityIncident(), site_with(items=[future], articles=[odd, written]))
    assert [a["url"] for a in mismatch.evidence["articles"]] == [URL]


def test_dismissed_signals_and_review_switch():
    html = page('<div style="display:none"><a href="http://pj88.xyz/">真人百家乐 澳门新葡京</a></div>')
    found = rows(signals(html, role="homepage"))
    assert judge(SecurityIncident(), site_with(found), dismissed=[URL]) == []
    (veto, *_) = judge(SecurityIncident(), site_with(found), require_review=False)
    assert veto.severity == "veto" and veto.evidence["review"] == "not_required" and "复核" not in veto.detail


# --- a real crawl -------------------------------------------------------------------------------------

# injected into the site's template: on the homepage and the column page alike
SPAM_BLOCK = '<div style="display:none">澳门新葡京 <a href="http://127.0.0.89/">真人百家乐 在线赌场</a></div>'
HACKED = {
    "/": page('<div class="block"><h3>工作动态</h3><a class="more" href="/xwdt/">更多</a><ul>'
              '<li><a href="/xwdt/a1.html">县政府召开春耕备耕工作推进会</a><span>2023-02-01</span></li>'
              '<li><a href="/xwdt/a2.html">我县开展冬季供暖保障检查</a><span>2023-01-20</span></li>'
              '<li><a href="/xwdt/a3.html">县领导调研乡村振兴工作</a><span>2023-01-12</span></li></ul></div>'
              '<div class="nav"><a href="/xwdt/">工作动态</a><a href="/tzgg/">通知公告</a></div>'
              + SPAM_BLOCK, title="某县人民政府"),
    "/xwdt/": page('<div class="crumb">当前位置：首页 &gt; 工作动态</div><ul class="list">'
                   '<li><a href="/xwdt/a1.html">县政府召开春耕备耕工作推进会</a><span>2023-02-01</span></li>'
                   '<li><a href="/xwdt/a2.html">我县开展冬季供暖保障检查</a><span>2023-01-20</span></li>'
                   '<li><a href="/xwdt/a3.html">县领导调研乡村振兴工作</a><span>2023-01-12</span></li>'
                   '<li><a href="/xwdt/a4.html">关于全县森林防火工作的部署</a><span>2023-03-15</span></li></ul>'
                   + SPAM_BLOCK),
    "/xwdt/a1.html": article(f"发布时间：2023-01-10 10:30 为落实春耕备耕，现公示补贴名单：张某，身份证号{ID_OK}，"
                             f"联系方式见村委会。会议传达学习了习近凭总书记重要讲话精神。联系电话：13908901234"),
    "/tzgg/": page('<div class="crumb">当前位置：首页 &gt; 通知公告</div><ul class="list">'
                   '<li><a href="/tzgg/b1.html">关于澳门特别行政区交流团来访的通知</a><span>2023-01-30</span></li>'
                   '<li><a href="/tzgg/b2.html">关于开展打击赌博专项行动的通告</a><span>2022-12-20</span></li></ul>'),
    "/tzgg/b1.html": article("发布时间：2023-01-30 澳门特别行政区交流团将于2月来访。咨询电话：0891-6831234。"),
}
CLEAN = {
    "/": page('<div class="block"><h3>通知公告</h3><ul>'
              '<li><a href="/tzgg/b1.html">关于澳门特别行政区交流团来访的通知</a><span>2023-01-30</span></li>'
              '<li><a href="/tzgg/b2.html">关于开展打击赌博专项行动的通告</a><span>2022-12-20</span></li></ul></div>'
              '<div class="nav"><a href="/tzgg/">通知公告</a></div>', title="某区人民政府"),
    "/tzgg/": HACKED["/tzgg/"],
    "/tzgg/b1.html": HACKED["/tzgg/b1.html"],
    "/tzgg/b2.html": article("发布时间：2022-12-20 为严厉打击六合彩、网络赌场等违法犯罪，请拨打12345热线举报。"
                             "联系人：李老师 13908901234"),
}


def test_crawl_stores_masked_signals_and_judges_them(tmp_path):
    routes = [{path: Reply(body=html) for path, html in pages.items()} for pages in (HACKED, CLEAN)]
    with Served("127.0.0.80", routes[0]) as hacked, Served("127.0.0.81", routes[1]) as clean:
        registry = write_sites(tmp_path / "sites.csv", [("hacked", hacked.url), ("clean", clean.url)])
        db = tmp_path / "inspect.db"
        result = crawl_inspect(registry, db, ASOF, "-s",
                               'PAGE_ANALYZERS={"crawler.analyzers.security.SecurityAnalyzer": 800}')
    assert result.returncode == 0, result.stderr[-3000:]
    stored = query(db, "SELECT site_id, url, kind, matched, signals, lexicon_version FROM security_signals")
    assert {r[0] for r in stored} == {"hacked"}, stored
    assert all(r[5] and "porn@" in r[5] for r in stored)
    dump = json.dumps(query(db, "SELECT * FROM security_signals") + query(db, "SELECT * FROM findings"), ensure_ascii=False)
    assert ID_OK not in dump and "540*************2X" in dump
    findings = {(rule, subject.split(":")[0], severity): (url, json.loads(evidence)) for rule, subject, severity, url, evidence
                in query(db, "SELECT rule_id, subject, severity, evidence_url, evidence FROM findings "
                             "WHERE site_id='hacked' AND rule_id IN ('security_incident', 'privacy_leak')")}
    assert set(findings) == {("security_incident", "hidden_link", "veto"), ("security_incident", "keyword", "veto"),
                             ("security_incident", "expression", "veto"), ("security_incident", "future_dates", "warn"),
                             ("security_incident", "date_mismatch", "warn"), ("privacy_leak", "privacy", "warn")}
    url, evidence = findings[("security_incident", "hidden_link", "veto")]
    assert url == hacked.url and evidence["signals"][0]["target"] == "http://127.0.0.89/"
    assert {"hidden", "display_none", "external", "keyword"} <= set(evidence["signals"][0]["signals"])
    assert findings[("security_incident", "date_mismatch", "warn")][0].endswith("/xwdt/a1.html")
    assert query(db, "SELECT url, pages FROM security_signals WHERE target='http://127.0.0.89/'") == [(hacked.url, 2)]
    (vetoes,) = query(db, "SELECT vetoes FROM verdicts WHERE site_id='hacked'")[0]
    assert "security_incident" in json.loads(vetoes)
    assert query(db, "SELECT rule_id FROM findings WHERE site_id='clean' "
                     "AND rule_id IN ('security_incident', 'privacy_leak')") == []
    # a person overrules the findings of the homepage and the column page: the veto goes, without a re-crawl
    overruled = json.dumps({"security_incident": {"dismissed": [hacked.url, hacked.url + "xwdt/",
                                                                hacked.url + "xwdt/a1.html"]}})
    result = run_scrapy("rescore", "-d", str(db), "-s", f"RULE_PARAMS={overruled}")
    assert result.returncode == 0, result.stderr[-3000:]
    (vetoes,) = query(db, "SELECT vetoes FROM verdicts WHERE site_id='hacked'")[0]
    assert "security_incident" not in json.loads(vetoes or "[]")
    assert query(db, "SELECT severity, subject FROM findings WHERE site_id='hacked' AND rule_id='security_incident' "
                     "ORDER BY subject") == [("warn", "date_mismatch"), ("warn", "future_dates")]


def test_demo_region_only_the_hacked_site_has_security_findings(demo_db):
    found = query(demo_db, "SELECT site_id, subject, severity FROM findings WHERE rule_id IN ('security_incident', 'privacy_leak')")
    assert {sid for sid, _, _ in found} == {"gaer"}, found
    assert {(s.split(":")[0], sev) for _, s, sev in found} == {("hidden_link", "veto"), ("keyword", "veto")}
    signals = query(demo_db, "SELECT DISTINCT target FROM security_signals WHERE site_id='gaer' AND kind='hidden_link'")
    assert {t for (t,) in signals} == {"http://127.0.0.89/", "http://www.langyou88.xyz/", "http://amxpj.top/"}
