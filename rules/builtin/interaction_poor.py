"""互动回应差 (单项否决 5).

国办秘函〔2019〕19号: "1.未提供网上有效咨询建言渠道(网上信访、纪检举报等专门渠道除外)。 2.监测时间点前 1 年内,对网民
留言应及时答复处理的政务咨询类栏目(在线访谈、调查征集、网上信访、纪检举报类栏目除外)存在超过 3 个月未回应有效留言的
现象。上述情况出现任意一种,即单项否决。"

Clause 1: a channel is valid when its list could be read and shows at least one message; one
that errors or has never shown a message is not. Clause 2: a message asked within the lookback
is late when it is still open more than ``max_reply_days`` after it was asked, or was answered
more than ``max_reply_days`` after it was asked ("超过" excludes the boundary). Deduction-level
facts (北京 2019 Q4: "留言信件未公开留言时间和答复时间", "超过2个月未公开网民留言及答复情况") are
``deduct`` findings; their points are unknown (the official deduction table has not been read)
and default to 0. No consultation channel found on a homepage that also shows what was not read (a
menu its scripts fetch, a panel that failed) is a warning, not a veto.
"""

from __future__ import annotations

from rules.base import Rule
from rules.facts import describe_unseen
from rules.hookspecs import hookimpl


class InteractionPoor(Rule):
    """No valid consultation channel, or a message left without a reply for over 3 months."""

    id = "interaction_poor"
    clause = ("1.未提供网上有效咨询建言渠道(网上信访、纪检举报等专门渠道除外)。2.监测时间点前1年内,对网民留言应及时答复处理的"
              "政务咨询类栏目(在线访谈、调查征集、网上信访、纪检举报类栏目除外)存在超过3个月未回应有效留言的现象。")
    defaults = {
        "clause1_classes": ["consultation", "suggestion"],  # 咨询建言 channels
        "clause2_classes": ["consultation"],  # 政务咨询类 channels whose messages are judged
        "lookback_months": 12,
        "max_reply_days": 90,
        "stale_reply_months": 2,
        "points_undated": 0,
        "points_no_recent_reply": 0,
    }

    def evaluate(self, site, ctx):
        if not site.inspected:
            return
        p = ctx.params
        counted = [c for c in site.channels if c.cls in p["clause1_classes"]]
        valid = [c for c in counted if c.status == "ok" and c.messages]
        yield from self._clause1(site, ctx, counted, valid)
        judged = [c for c in valid if c.cls in p["clause2_classes"]]
        yield from self._clause2(ctx, judged)
        yield from self._deductions(ctx, judged)

    def _clause1(self, site, ctx, counted, valid):
        if valid:
            return
        unsure = [c for c in counted if c.status in ("pending", "unreadable")]
        others = [c for c in site.channels if c not in counted]
        evidence = {"channels": [c.as_evidence() for c in counted], "excluded": [c.as_evidence() for c in others],
                    "homepage": site.url}
        if unsure:
            # fetched but not understood (or never fetched): our reading failed, not necessarily the site
            yield self.finding(
                "warn", "未能读取咨询建言渠道的留言列表，无法判定渠道是否有效：" + "、".join(
                    f"{c.name}（{c.status}）" for c in unsure), ctx,
                evidence_url=unsure[0].url, subject="clause1", evidence=evidence)
            return
        if not counted:
            named = "、".join(f"{c.name}" for c in others)
            detail = "未提供网上有效咨询建言渠道：未发现咨询建言类渠道" + (f"（仅有{named}，属除外的专门渠道）" if others else "")
            url = others[0].url if others else site.url
            unseen = site.homepage_unseen
            if unseen:  # the channel may be in what we could not read
                evidence["not_read"] = unseen
                yield self.finding("warn", f"{detail}，但首页另有由脚本加载或未能读取的内容（"
                                           f"{describe_unseen(unseen)}），渠道可能在其中，未作否决，请人工核实",
                                   ctx, evidence_url=url, subject="clause1", evidence=evidence)
                return
        else:
            reasons = "；".join(
                f"{c.name}：" + (f"无法访问（{c.error or c.outcome}）" if c.status == "error"
                                else f"从未公开留言（{c.placeholder or '列表为空'}）") for c in counted)
            detail = f"未提供网上有效咨询建言渠道：{reasons}"
            url = counted[0].url
        yield self.finding("veto", detail, ctx, evidence_url=url, subject="clause1", evidence=evidence)

    def _clause2(self, ctx, channels):
        p = ctx.params
        since = ctx.months_before(p["lookback_months"])
        limit = int(p["max_reply_days"])
        late = []
        for ch in channels:
            for m in ch.messages:
                if not m.asked or not since <= m.asked <= ctx.asof:
                    continue
                if m.answered and (m.answered - m.asked).days > limit:
                    late.append((ch, m, f"答复用时{(m.answered - m.asked).days}天"))
                elif not m.answered and m.state == "open" and (ctx.asof - m.asked).days > limit:
                    late.append((ch, m, f"至监测时间点{(ctx.asof - m.asked).days}天未答复"))
        if not late:
            return
        names = "；".join(f"{ch.name}「{m.title}」留言{m.asked}，{why}" for ch, m, why in late[:5])
        more = f"等{len(late)}条" if len(late) > 5 else ""
        yield self.finding(
            "veto", f"监测时间点前{p['lookback_months']}个月内有留言超过{limit}天未回应：{names}{more}", ctx,
            evidence_url=late[0][1].evidence_url, subject="clause2",
            evidence={"since": since.isoformat(), "max_reply_days": limit, "count": len(late),
                      "messages": [{**m.as_evidence(), "channel": ch.name, "why": why} for ch, m, why in late]})

    def _deductions(self, ctx, channels):
        p = ctx.params
        messages = [(ch, m) for ch in channels for m in ch.messages]
        undated = [(ch, m) for ch, m in messages if m.asked_issue or (m.state == "answered" and not m.answered)]
        if undated:
            yield self.finding(
                "deduct", f"{len(undated)}条留言未公开（或无法识别）留言时间或答复时间", ctx,
                evidence_url=undated[0][1].evidence_url, subject="undated", points=float(p["points_undated"]),
                evidence={"messages": [{**m.as_evidence(), "channel": ch.name, "asked_issue": m.asked_issue,
                                        "answered_issue": m.answered_issue, "page_error": m.page_error}
                                       for ch, m in undated]})
        if not messages:
            return
        since = ctx.months_before(p["stale_reply_months"])
        replies = [m.answered for _, m in messages if m.answered and m.answered <= ctx.asof]
        shown = [m.asked for _, m in messages if m.asked and m.asked <= ctx.asof]
        latest = max(replies + shown, default=None)
        if latest is None or latest < since:
            yield self.finding(
                "deduct", f"超过{p['stale_reply_months']}个月未公开网民留言及答复情况（最近一次为{latest or '无日期'}）", ctx,
                evidence_url=channels[0].url, subject="no_recent_reply", points=float(p["points_no_recent_reply"]),
                evidence={"latest": latest.isoformat() if latest else None, "since": since.isoformat(),
                          "channels": [c.as_evidence() for c in channels]})


@hookimpl
def register_rules():
    return [InteractionPoor()]
