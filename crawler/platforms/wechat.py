"""WeChat official accounts (微信公众号) through public article pages (mp.weixin.qq.com/s/…).

An article page names its account (``var nickname``), the account's stable ID
(``var user_name = "gh_…"``) and the publish time (``var ct``, Unix seconds). The registry's
``url`` and optional ``articles`` column (URLs separated by spaces) give the pages to read,
newest known first; the account's timeline itself needs a login, so the posts read are a sample
(``partial``): a stale sample is no proof that the account stopped posting.

Pages that say nothing about the account: a deleted or blocked article (unverifiable), and the
"环境异常" verification page (captcha, unverifiable). A page saying the account was deregistered
(已注销) is the platform's word that it no longer exists.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from crawler.platforms import CHINA, Adapter, Fetch, Observation, Post, blocked

_VAR = r"var\s+{name}\s*=\s*(?:htmlDecode\()?\s*(?P<q>[\"'])(?P<value>.*?)(?P=q)"
_DELETED = ("该内容已被发布者删除", "此内容因违规无法查看", "此内容被多人投诉", "该文章已被删除", "内容已删除")
_DEREGISTERED = ("此帐号已自主注销", "此账号已自主注销", "该公众号已注销", "帐号已注销", "账号已注销")


def page_var(text: str, name: str) -> str:
    m = re.search(_VAR.format(name=re.escape(name)), text)
    return html.unescape(m.group("value")).strip() if m else ""


class WechatAdapter(Adapter):
    name = "wechat"
    default_for = ("wechat",)

    def pages(self, account) -> list[str]:
        more = re.split(r"[\s;]+", account.extra.get("articles", ""))
        return list(dict.fromkeys(u for u in (account.url, *more) if u))

    def check(self, account):
        if not self.pages(account):
            return "no WeChat article URL: give the account a url (an article page) or articles"
        return None

    def start(self, account):
        pages = self.pages(account)
        yield Fetch(pages[0], "article", {"todo": pages[1:], "posts": [], "problems": []})

    def article(self, account, response, data):
        text = response.text
        posts, problems = list(data["posts"]), list(data["problems"])
        gh = account.extra.get("platform_id", "")
        kind = blocked(text)
        if kind:
            problems.append({"url": response.url, "reason": kind, "note": "验证页（环境异常）或登录页"})
        elif any(m in text for m in _DEREGISTERED):
            yield Observation("not_found", response.url, platform_id=gh, reason="deregistered",
                              note="文章页显示账号已注销")
            return
        elif any(m in text for m in _DELETED):
            problems.append({"url": response.url, "reason": "article_deleted", "note": "文章已被删除，页面不显示账号"})
        else:
            nickname, user_name = page_var(text, "nickname"), page_var(text, "user_name")
            ct = page_var(text, "ct")
            if not nickname and not user_name:
                problems.append({"url": response.url, "reason": "not_an_article", "note": "页面中没有公众号名称"})
            elif gh and user_name and user_name != gh:
                problems.append({"url": response.url, "reason": "other_account",
                                 "note": f"文章属于 {user_name}（{nickname}），不是登记的 {gh}"})
            else:
                when = datetime.fromtimestamp(int(ct), CHINA).replace(tzinfo=None) if ct.isdigit() else None
                title = page_var(text, "msg_title") or response.css("meta[property='og:title']::attr(content)").get("")
                posts.append({"url": response.url, "title": title, "date_raw": ct, "date": when,
                              "name": nickname, "platform_id": user_name})
        yield from self.next_or_done(account, {**data, "posts": posts, "problems": problems})

    def failed(self, account, url, data, outcome, detail, status):
        problems = [*data["problems"], {"url": url, "reason": outcome, "note": detail}]
        yield from self.next_or_done(account, {**data, "problems": problems})

    def next_or_done(self, account, data):
        if data["todo"]:
            yield Fetch(data["todo"][0], "article", {**data, "todo": data["todo"][1:]})
            return
        posts, problems = data["posts"], data["problems"]
        note = "；".join(f"{p['url']}：{p['note']}" for p in problems)
        if not posts:
            first = problems[0] if problems else {"url": account.url, "reason": "error"}
            yield Observation("unverifiable", first["url"], reason=first["reason"], note=note)
            return
        newest = max(posts, key=lambda p: (p["date"] is not None, p["date"] or datetime.min))
        yield Observation(
            "found", newest["url"], name=newest["name"], platform_id=newest["platform_id"] or account.extra.get("platform_id", ""),
            posts=[Post(url=p["url"], title=p["title"], date_raw=p["date_raw"], date=p["date"]) for p in posts],
            partial=True, note=note)


ADAPTER = WechatAdapter
