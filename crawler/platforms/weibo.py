"""Weibo through the m.weibo.cn container API (JSON): user info, then the first page of posts.

- user info: ``getIndex?type=uid&value=UID&containerid=100505UID`` → ``data.userInfo.screen_name``;
- posts: ``containerid=107603UID`` → ``data.cards[].mblog`` (``card_type`` 9);
- an ID that does not exist answers ``{"ok": 0, "msg": "这里还没有内容"}``; then the registered name is
  searched (``containerid=100103type=3&q=NAME``, user cards of ``card_type`` 10) before the account
  is called not found (indicators.md §7.3: both lookups must miss);
- ``{"ok": -100, "url": "…passport…"}`` is the login wall, HTTP 418/403/429 the rate limiter:
  unverifiable.

Pinned posts (``isTop``, ``mblogtype`` 2, or a "置顶" title) are kept but marked, the rules skip them.
``created_at`` is "Thu Feb 09 10:12:00 +0800 2023" now; older responses used "刚刚", "5分钟前",
"3小时前", "昨天 12:30", "02-07" and "2022-12-01", which are resolved against asof.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import quote, urlencode

from crawler.dates import parse_date
from crawler.platforms import Adapter, Fetch, Observation, Post, blocked, china_date, fold_name

_UID_IN_URL = re.compile(r"(?:weibo\.(?:cn|com)/(?:u/|profile/)?)(\d{5,})")
_NOT_FOUND_MSGS = ("这里还没有内容", "用户不存在", "该用户不存在", "该账号已注销", "帐号已注销", "账号已注销")
_CTIME = "%a %b %d %H:%M:%S %z %Y"
_RATE_STATUSES = {418: "rate_limited", 429: "rate_limited", 403: "blocked"}
# what the mobile site's own script sends; without them the API tends to answer with the login page
_XHR = {"X-Requested-With": "XMLHttpRequest", "MWeibo-Pwa": "1", "Accept": "application/json, text/plain, */*"}


class WeiboAdapter(Adapter):
    name = "weibo"
    default_for = ("weibo",)

    @property
    def api(self) -> str:
        return self.settings.get("ACCOUNTS_WEIBO_API")

    def uid(self, account) -> str:
        for candidate in (account.extra.get("platform_id", ""), account.url, account.account_id):
            if candidate.isdigit():
                return candidate
            m = _UID_IN_URL.search(candidate)
            if m:
                return m.group(1)
        return ""

    def check(self, account):
        if not self.uid(account):
            return ("no Weibo uid: put the numeric uid in platform_id, account_id or a "
                    "weibo.com/u/UID or m.weibo.cn/u/UID url")
        return None

    def index_url(self, **params) -> str:
        return f"{self.api}?{urlencode(params, quote_via=quote)}"

    def start(self, account):
        uid = self.uid(account)
        yield Fetch(self.index_url(type="uid", value=uid, containerid=f"100505{uid}"), "profile", {"uid": uid}, _XHR)

    def profile(self, account, response, data):
        payload, problem = self.read(response)
        if problem:
            yield problem
            return
        info = (payload.get("data") or {}).get("userInfo") if payload.get("ok") == 1 else None
        if info:
            uid = str(info.get("id") or data["uid"])
            data = {**data, "uid": uid, "name": info.get("screen_name", ""), "profile_url": response.url,
                    "followers": info.get("followers_count"), "statuses": info.get("statuses_count")}
            yield Fetch(self.index_url(type="uid", value=uid, containerid=f"107603{uid}"), "posts", data, _XHR)
        elif payload.get("ok") == 0 and not data.get("searched"):
            if not any(m in str(payload.get("msg", "")) for m in _NOT_FOUND_MSGS):
                yield Observation("unverifiable", response.url, reason="platform_error",
                                  note=f"用户信息接口返回 ok=0：{payload.get('msg', '')}")
                return
            query = f"100103type=3&q={account.name}"
            yield Fetch(self.index_url(containerid=query, page_type="searchall"), "search",
                        {**data, "searched": True, "id_miss": response.url,
                         "id_msg": str(payload.get("msg", ""))}, _XHR)
        else:
            yield Observation("unverifiable", response.url, reason="platform_error",
                              note=f"用户信息接口返回无法识别的内容（ok={payload.get('ok')!r}）")

    def search(self, account, response, data):
        payload, problem = self.read(response)
        if problem:
            yield problem
            return
        wanted = fold_name(account.name)
        for card in (payload.get("data") or {}).get("cards") or []:
            for entry in card.get("card_group") or [card]:
                user = entry.get("user") or {}
                if user.get("id") and fold_name(user.get("screen_name", "")) == wanted:
                    uid = str(user["id"])
                    yield Fetch(self.index_url(type="uid", value=uid, containerid=f"100505{uid}"), "profile",
                                {**data, "uid": uid, "found_by_name": True}, _XHR)
                    return
        yield Observation("not_found", data["id_miss"], platform_id=data["uid"], reason="id_and_name_miss",
                          note=f"uid {data['uid']} 查询返回“{data['id_msg']}”，按登记名称“{account.name}”搜索无此用户；"
                               f"搜索：{response.url}")

    def posts(self, account, response, data):
        payload, problem = self.read(response)
        if problem:
            yield problem
            return
        if payload.get("ok") not in (0, 1):
            yield Observation("unverifiable", response.url, reason="platform_error",
                              note=f"微博列表接口返回 ok={payload.get('ok')!r}")
            return
        posts = [self.post(card["mblog"]) for card in (payload.get("data") or {}).get("cards") or []
                 if card.get("card_type") == 9 and card.get("mblog")]
        note = ""
        if data.get("found_by_name"):
            note = f"登记的 uid 查无（{data['id_miss']}），按登记名称搜索找到 uid {data['uid']}"
        yield Observation("found", data["profile_url"], name=data["name"], platform_id=data["uid"], posts=posts,
                          reason="found_by_name" if data.get("found_by_name") else "", note=note)

    def post(self, mblog: dict) -> Post:
        raw = str(mblog.get("created_at") or "")
        try:
            when = china_date(datetime.strptime(raw, _CTIME))
        except ValueError:
            found = parse_date(raw, self.asof)
            when = found.value if found else None
        title = (mblog.get("title") or {}).get("text", "") if isinstance(mblog.get("title"), dict) else ""
        pinned = bool(mblog.get("isTop")) or mblog.get("mblogtype") == 2 or "置顶" in title
        text = re.sub(r"<[^>]+>", "", str(mblog.get("text") or ""))
        bid = mblog.get("bid") or mblog.get("mid") or mblog.get("id")
        return Post(url=f"https://m.weibo.cn/status/{bid}", title=text[:120], date_raw=raw, date=when,
                    pinned=pinned, repost="retweeted_status" in mblog, comments=mblog.get("comments_count"),
                    extra={"comment_permission_type": (mblog.get("comment_manage_info") or {}).get("comment_permission_type")})

    def read(self, response) -> tuple[dict, Observation | None]:
        """The JSON payload, or the observation of a page that is no API answer."""
        text = response.body.decode("utf-8", "replace")
        try:
            payload = json.loads(text)
        except ValueError:
            kind = blocked(response.url) or blocked(text) or "not_json"
            return {}, Observation("unverifiable", response.url, reason=kind, note="接口未返回 JSON（登录页、验证页或错误页）")
        if not isinstance(payload, dict):
            return {}, Observation("unverifiable", response.url, reason="not_json", note="接口返回的不是 JSON 对象")
        if payload.get("ok") == -100 or blocked(str(payload.get("url", ""))) == "login_wall":
            return payload, Observation("unverifiable", response.url, reason="login_wall",
                                        note=f"接口要求登录：{payload.get('url', '')}")
        return payload, None

    def failed(self, account, url, data, outcome, detail, status):
        yield Observation("unverifiable", url, reason=_RATE_STATUSES.get(status, outcome), note=detail)


ADAPTER = WeiboAdapter
