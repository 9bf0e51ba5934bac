"""Platform adapters read responses (no crawl): dates, pinned posts, names, block pages."""

import json
from datetime import date, datetime

import pytest
from scrapy.http import HtmlResponse, TextResponse

from crawler.platforms import blocked, load_adapter_classes
from crawler.platforms.feed import FeedAdapter
from crawler.platforms.wechat import WechatAdapter, page_var
from crawler.platforms.weibo import WeiboAdapter
from crawler.registry import Account
from rules.account_facts import fold_name

ASOF = date(2023, 2, 9)
SETTINGS = {"ACCOUNTS_FEED_TITLE_PATTERNS": [], "ACCOUNTS_WEIBO_API": "http://127.0.1.250/api"}


class Settings(dict):
    def getlist(self, key):
        return list(self.get(key) or [])

    def getdict(self, key):
        return dict(self.get(key) or {})


def account(**kw):
    base = dict(account_id="a", platform="weibo", name="拉萨发布", owner="", region="", url="")
    return Account(**{**base, **kw})


def test_every_builtin_adapter_is_found_by_the_module_scan():
    assert {"weibo", "feed", "wechat", "manual"} <= set(load_adapter_classes())


@pytest.mark.parametrize("raw,expected", [
    ("Thu Feb 09 10:12:00 +0800 2023", datetime(2023, 2, 9, 10, 12)),
    ("Wed Feb 08 20:00:00 +0000 2023", datetime(2023, 2, 9, 4, 0)),  # counted in China time
    ("刚刚", date(2023, 2, 9)),
    ("5分钟前", date(2023, 2, 9)),
    ("昨天 12:30", date(2023, 2, 8)),
    ("01-15", date(2023, 1, 15)),
    ("12-30", date(2022, 12, 30)),  # a month-day after asof is last year's
    ("2021-06-01", date(2021, 6, 1)),
])
def test_weibo_created_at_forms(raw, expected):
    post = WeiboAdapter(Settings(SETTINGS), ASOF).post({"created_at": raw, "id": 1, "text": "<a>x</a>正文"})
    value = post.date.date() if isinstance(post.date, datetime) and not isinstance(expected, datetime) else post.date
    assert value == expected
    assert post.title == "x正文"


@pytest.mark.parametrize("mblog", [{"isTop": 1}, {"mblogtype": 2}, {"title": {"text": "置顶"}}])
def test_weibo_pinned_forms(mblog):
    assert WeiboAdapter(Settings(SETTINGS), ASOF).post({"created_at": "刚刚", "id": 1, **mblog}).pinned


def test_weibo_uid_from_registry():
    adapter = WeiboAdapter(Settings(SETTINGS), ASOF)
    assert adapter.uid(account(url="https://weibo.com/u/2803301701")) == "2803301701"
    assert adapter.uid(account(account_id="lasa", url="https://m.weibo.cn/profile/1000001")) == "1000001"
    assert adapter.uid(account(account_id="lasa", extra={"platform_id": "42424242"})) == "42424242"
    assert adapter.check(account(account_id="lasa")) is not None


def test_weibo_login_redirect_page_is_unverifiable():
    adapter = WeiboAdapter(Settings(SETTINGS), ASOF)
    page = HtmlResponse("https://passport.weibo.cn/signin/welcome", body="<html>登录</html>".encode(), encoding="utf-8")
    (obs,) = adapter.profile(account(), page, {"uid": "1"})
    assert (obs.status, obs.reason) == ("unverifiable", "login_wall")
    odd = TextResponse("http://127.0.1.250/api", body=json.dumps({"ok": 0, "msg": "系统繁忙"}).encode(), encoding="utf-8")
    (obs,) = adapter.profile(account(), odd, {"uid": "1"})
    assert (obs.status, obs.reason) == ("unverifiable", "platform_error")  # only "no such user" leads to a search


@pytest.mark.parametrize("title,name", [
    ("拉萨发布的微博", "拉萨发布"),
    ("拉萨发布的头条主页 - 今日头条(www.toutiao.com)", "拉萨发布"),
    ("拉萨发布的头条主页 - 今日头条（头条号）", "拉萨发布"),
    ("微信公众号 - 拉萨发布", "拉萨发布"),
    ("拉萨发布", "拉萨发布"),
])
def test_feed_title_decorations(title, name):
    assert FeedAdapter(Settings(SETTINGS), ASOF).display_name(title) == name


def test_feed_extra_title_pattern_setting():
    adapter = FeedAdapter(Settings({**SETTINGS, "ACCOUNTS_FEED_TITLE_PATTERNS": [r"^(?P<name>.+) - 抖音$"]}), ASOF)
    assert adapter.display_name("拉萨发布 - 抖音") == "拉萨发布"


def test_feed_html_error_page_is_unverifiable_and_undated_items_have_no_date():
    adapter = FeedAdapter(Settings(SETTINGS), ASOF)
    page = HtmlResponse("http://127.0.1.250/f", body="<html><body>请输入验证码</body></html>".encode(), encoding="utf-8")
    (obs,) = adapter.feed(account(), page, {})
    assert (obs.status, obs.reason) == ("unverifiable", "captcha")
    body = ('<rss version="2.0"><channel><title>甲</title><item><title>[置顶] 公告</title><link>http://x/1</link>'
            '<pubDate>Mon, 06 Feb 2023 01:00:00 GMT</pubDate></item><item><title>无日期</title></item></channel></rss>')
    (obs,) = adapter.feed(account(), TextResponse("http://127.0.1.250/f", body=body.encode(), encoding="utf-8"), {})
    assert [(p.pinned, p.date) for p in obs.posts] == [(True, datetime(2023, 2, 6, 9, 0)), (False, None)]


def test_wechat_page_vars_and_block_pages():
    text = 'var nickname = htmlDecode("拉萨&amp;发布");\nvar user_name = "gh_0123";\nvar ct = "1675900000" * 1;'
    assert (page_var(text, "nickname"), page_var(text, "user_name"), page_var(text, "ct")) == ("拉萨&发布", "gh_0123", "1675900000")
    assert blocked("环境异常 完成验证后即可继续访问") == "captcha"
    adapter = WechatAdapter(Settings(SETTINGS), ASOF)
    other = HtmlResponse("http://127.0.1.250/s/1", encoding="utf-8",
                         body='<script>var nickname = "别人"; var user_name = "gh_other"; var ct = "1675900000";</script>'.encode())
    (obs,) = adapter.article(account(platform="wechat", extra={"platform_id": "gh_mine"}), other,
                             {"todo": [], "posts": [], "problems": []})
    assert (obs.status, obs.reason) == ("unverifiable", "other_account")


@pytest.mark.parametrize("registered,observed", [
    ("昌都市 人民政府", "昌都市人民政府"),
    ("拉萨１２３４５热线", "拉萨12345热线"),
    ("阿里·发布", "阿里发布"),
    ("ＬＳ　发布", "LS发布"),
    ("拉萨・发布", "拉萨 发布"),
])
def test_cosmetic_variants_fold_equal(registered, observed):
    assert fold_name(registered) == fold_name(observed)


@pytest.mark.parametrize("registered,observed", [("那曲市应急管理局", "那曲应急"), ("尼木县发布", "未命名公众号"),
                                                 ("拉萨发布", "拉萨发布厅")])
def test_real_changes_do_not_fold_equal(registered, observed):
    assert fold_name(registered) != fold_name(observed)


def test_an_entry_point_adapter_is_loaded_and_chosen(monkeypatch):
    import crawler.platforms as platforms
    from crawler.platforms import Adapter, choose

    class KuaishouAdapter(Adapter):
        name, default_for, platforms = "kuaishou", ("kuaishou",), ("kuaishou",)

    class EntryPoint:
        value = "somewhere:KuaishouAdapter"

        def load(self):
            return KuaishouAdapter

    monkeypatch.setattr(platforms.importlib.metadata, "entry_points",
                        lambda group: [EntryPoint()] if group == platforms.ENTRY_POINT_GROUP else [])
    classes = load_adapter_classes()
    assert classes["kuaishou"] is KuaishouAdapter and "kuaishou" in platforms.known_platforms(classes)
    adapters = {name: cls(Settings(SETTINGS), ASOF) for name, cls in classes.items()}
    assert choose(account(platform="kuaishou"), adapters).name == "kuaishou"
    assert choose(account(platform="toutiao"), adapters).name == "feed"
    assert choose(account(platform="wechat", extra={"adapter": "feed"}), adapters).name == "feed"
