"""RSS 2.0 and Atom feeds, as RSS bridges (RSSHub, wechat2rss, …) serve them for WeChat, Douyin,
Toutiao and Weibo accounts.

The feed's title is the account's display name once the bridge's decoration is removed
("<name>的微博", "<name>的头条主页 - 今日头条(…)", "微信公众号 - <name>"; more patterns with the
ACCOUNTS_FEED_TITLE_PATTERNS setting). A bridge error (HTTP error, an HTML page instead of a feed)
is unverifiable: a bridge cannot tell that an account does not exist. A well-formed feed without
any entry is an account with no post.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from crawler.dates import parse_date_fallback
from crawler.platforms import Adapter, Fetch, Observation, Post, blocked, china_date

ATOM = "{http://www.w3.org/2005/Atom}"
TITLE_DECORATIONS = (
    r"^(?P<name>.+?)的微博$",
    r"^(?P<name>.+?)的头条主页\s*[-－—]\s*今日头条\s*[(（].*[)）]$",
    r"^微信公众号\s*[-－—]\s*(?P<name>.+)$",
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)


class FeedAdapter(Adapter):
    name = "feed"
    default_for = ("feed", "douyin", "toutiao")

    def url(self, account) -> str:
        if account.url:
            return account.url
        template = self.settings.getdict("ACCOUNTS_FEED_URLS").get(account.platform, "")
        return template.format(platform_id=account.extra.get("platform_id") or account.account_id) if template else ""

    def check(self, account):
        if not self.url(account):
            return f"no feed URL: give the account a url, or set ACCOUNTS_FEED_URLS for platform {account.platform!r}"
        return None

    def start(self, account):
        yield Fetch(self.url(account), "feed")

    def feed(self, account, response, data):
        try:
            root = etree.fromstring(response.body, _PARSER)
        except etree.XMLSyntaxError as exc:
            yield self.not_a_feed(response, f"订阅源不是可读的 RSS/Atom：{exc}")
            return
        if root.tag == f"{ATOM}feed":
            title, posts = root.findtext(f"{ATOM}title", ""), [self.atom_entry(e) for e in root.findall(f"{ATOM}entry")]
        elif root.tag == "rss" and root.find("channel") is not None:
            channel = root.find("channel")
            title, posts = channel.findtext("title", ""), [self.rss_item(i) for i in channel.findall("item")]
        else:
            yield self.not_a_feed(response, f"根元素 {root.tag} 不是 rss 或 Atom feed")
            return
        yield Observation("found", response.url, name=self.display_name(title.strip()), posts=posts,
                          note="" if posts else "订阅源中没有任何文章")

    @staticmethod
    def not_a_feed(response, note: str) -> Observation:
        """A bridge's error, login or verification page instead of a feed."""
        text = response.body[:20000].decode("utf-8", "replace")
        return Observation("unverifiable", response.url, reason=blocked(text) or "not_a_feed", note=note)

    def display_name(self, title: str) -> str:
        for pattern in (*TITLE_DECORATIONS, *self.settings.getlist("ACCOUNTS_FEED_TITLE_PATTERNS")):
            m = re.match(pattern, title)
            if m:
                return m.group("name").strip()
        return title

    def rss_item(self, item) -> Post:
        raw = (item.findtext("pubDate") or item.findtext("{http://purl.org/dc/elements/1.1/}date") or "").strip()
        return self.post(item.findtext("link") or item.findtext("guid") or "", item.findtext("title") or "", raw)

    def atom_entry(self, entry) -> Post:
        links = entry.findall(f"{ATOM}link")
        link = next((l.get("href") for l in links if l.get("rel", "alternate") == "alternate"), "")
        raw = (entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated") or "").strip()
        return self.post(link, entry.findtext(f"{ATOM}title") or "", raw)

    def post(self, url: str, title: str, raw: str) -> Post:
        title = title.strip()
        return Post(url=url.strip(), title=title, date_raw=raw, date=self.when(raw),
                    pinned=bool(re.match(r"^[\[【(（]?置顶", title)))

    def when(self, raw: str):
        if not raw:
            return None
        for parse in (parsedate_to_datetime, lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))):
            try:
                return china_date(parse(raw))
            except (TypeError, ValueError, IndexError):
                continue
        found = parse_date_fallback(raw, self.asof)
        return found.value if found else None


ADAPTER = FeedAdapter
