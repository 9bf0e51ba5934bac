"""The 通报 as structured text: paragraphs of plain strings and links, shared by every format.

The structure is the seed notice's: 一、总体情况 (websites, then new media, overall and by region or
platform), 二、存在的主要问题 (vetoes by category with the sites named; accounts by how long they have
not posted; names changed without being reported; accounts not found), then the 附件 tables.
Everything scraped stays a plain string here: escaping is the renderer's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.report.data import (PLATFORM_NAMES, PLATFORM_ORDER, PLATFORM_SHORT, RULE_NAMES, AccountResult,
                                 Inspection, SiteResult)
from exports.report.numbers import ACCOUNT_DIGITS, rate

BUCKETS = (("1y", "长期未更新的政务新媒体{n}个"), ("6m", "半年以上未更新的政务新媒体有{n}个"),
           ("2w", "超过2周及以上未更新的政务新媒体有{n}个"))
BUCKET_NAMES = {"1y": "一年以上未更新", "6m": "半年以上未更新", "2w": "超过2周未更新", "ok": "正常更新"}
STATUS_NAMES = {"found": "已找到", "not_found": "搜索不到", "unverifiable": "无法核实"}
PROBLEMS = "存在问题"
MINOR = "扣分及存疑事项"
# why a site was not inspected (crawler.failures, crawler.blocking), as the notice says it
NOT_INSPECTED = {
    "timeout": "首页访问超时", "dns_error": "域名无法解析", "connection_refused": "服务器拒绝连接",
    "connection_reset": "连接被中断", "connection_failed": "无法连接服务器", "tls_error": "HTTPS证书或加密连接错误",
    "data_loss": "首页传输不完整", "too_large": "首页超过下载大小上限", "too_many_redirects": "首页重定向次数过多",
    "robots_forbidden": "robots.txt禁止访问", "http_4xx": "首页无法打开", "http_5xx": "服务器出错",
    "http_error": "首页无法打开", "empty_response": "首页内容为空", "binary_body": "首页不是网页",
    "not_html": "首页不是网页", "read_error": "首页无法读取", "js_redirect": "首页跳转至本站以外的地址",
    "waf_challenge": "被网站防火墙的脚本验证拦截", "waf_block": "被网站防火墙拦截", "js_wall": "首页须启用JavaScript才能访问",
    "moved_notice": "首页为网站迁移公告", "closed_notice": "首页为网站关停公告", "maintenance_notice": "首页为维护公告",
    "server_default_page": "首页为服务器默认页面",
}


def not_inspected_reason(reason: str) -> str:
    """``connection_refused: …`` as the notice reads it: 服务器拒绝连接（connection_refused: …）."""
    phrase = NOT_INSPECTED.get(reason.split(":", 1)[0].strip())
    return f"{phrase}（{reason}）" if phrase else reason
SITE_VETO_ORDER = ("security_incident", "site_unreachable", "homepage_not_updated", "columns_not_updated",
                   "interaction_poor", "service_unusable")


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Inline = str | Link
Para = list[Inline]


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Para]] = field(default_factory=list)
    kind: str = ""  # sites or accounts: lets a renderer lay the columns out


@dataclass
class Notice:
    title: str
    subtitle: str
    sections: list[tuple[str, list[Para]]]
    tables: list[Table]


def plain(para: Para) -> str:
    return "".join(x if isinstance(x, str) else x.text for x in para)


def joined(parts: list[Para], sep: str = "、") -> Para:
    out: Para = []
    for i, part in enumerate(parts):
        if i:
            out.append(sep)
        out.extend(part)
    return out


def region_label(region: str) -> str:
    """自治区部门 → 自治区部门网站; 拉萨市 → 拉萨市政府网站 (as the seed writes them)."""
    return f"{region}网站" if region.endswith("部门") else f"{region}政府网站"


def site_link(site: SiteResult, rule_id: str | None = None) -> Link:
    """The site's name, linked to the evidence of its finding (or to the site)."""
    url = next((p.evidence_url for p in site.problems if p.rule_id == rule_id and p.evidence_url), "") or site.url
    return Link(site.name, url)


def account_link(acc: AccountResult, rule_id: str | None = None) -> Link:
    url = next((p.evidence_url for p in acc.problems if (rule_id is None or p.rule_id == rule_id) and p.evidence_url),
               "") or acc.url
    return Link(f"“{acc.name}”", url)


# --- 一、总体情况 ---------------------------------------------------------------------------------

def population(what: str, verb: str, total: int | None, n: int, seed_style_accounts: bool = False) -> str:
    """对全区在线运行的267个政府网站随机抽查了120个，抽查比例为44.94%，

    The seed's new-media sentence reads "随机抽查146个，" (no 了, no proportion): kept as it is.
    """
    le = "" if seed_style_accounts else "了"
    if total is None:
        return f"对全区在线{verb}的{what}随机抽查{le}{n}个（本批次未保存在线总数，抽查比例不详），"
    ratio = "" if seed_style_accounts else f"抽查比例为{rate(n, total)}，"
    return f"对全区在线{verb}的{total}个{what}随机抽查{le}{n}个，{ratio}"


def sites_overview(insp: Inspection) -> Para:
    sites = insp.sites
    n, q = len(sites), sum(1 for s in sites if s.qualified)
    text = (f"（一）政府网站抽查情况。{population('政府网站', '运行', insp.sites_total, n)}"
            f"本次抽查合格网站{q}个，合格率为{rate(q, n)}（详见附件1）。")
    parts = []
    for region in insp.regions:
        members = [s for s in sites if s.region == region]
        rq = sum(1 for s in members if s.qualified)
        parts.append(f"{region_label(region)}{len(members)}个，合格{rq}个，合格率{rate(rq, len(members))}")
    if parts:
        text += "其中，" + "；".join(parts) + "。"
    missing = [s for s in sites if s.qualified is None]
    if missing:
        text += f"抽查网站中有{len(missing)}个未能完成检查（原因见附件1），未计入合格。"
    return [text]


def platforms_of(accounts: list[AccountResult]) -> list[str]:
    present = {a.platform for a in accounts}
    return [p for p in PLATFORM_ORDER if p in present] + sorted(present - set(PLATFORM_ORDER))


def accounts_overview(insp: Inspection) -> Para:
    accs = insp.accounts
    n = len(accs)
    failed = sum(1 for a in accs if a.qualified is False)
    q = sum(1 for a in accs if a.qualified)
    text = (f"（二）政务新媒体抽查情况。{population('政务新媒体', '运维', insp.accounts_total, n, seed_style_accounts=True)}"
            f"发现不合格{failed}个（出现单项否决指标有关情形判定为不合格），总体合格率{rate(q, n, ACCOUNT_DIGITS)}（见附件2）。")
    parts = []
    for platform in platforms_of(accs):
        members = [a for a in accs if a.platform == platform]
        pf = sum(1 for a in members if a.qualified is False)
        pq = sum(1 for a in members if a.qualified)
        parts.append(f"{PLATFORM_NAMES.get(platform, platform)}{len(members)}个，不合格{pf}个，"
                     f"合格率{rate(pq, len(members), ACCOUNT_DIGITS)}")
    if parts:
        text += "其中，" + "；".join(parts) + "。"
    unverified = sum(1 for a in accs if a.qualified is None)
    if unverified:
        text += f"另有{unverified}个账号因登录限制、验证码或访问错误无法核实，未计为合格或不合格。"
    return [text]


# --- 二、存在的主要问题 -----------------------------------------------------------------------------

def veto_categories(sites: list[SiteResult]) -> list[tuple[str, list[SiteResult]]]:
    """Each veto category with the sites it fails, most frequent first (a site can be in several)."""
    groups: dict[str, list[SiteResult]] = {}
    for s in sites:
        for rule in s.vetoes:
            groups.setdefault(rule, []).append(s)
    rank = {r: i for i, r in enumerate(SITE_VETO_ORDER)}
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), rank.get(kv[0], len(rank)), kv[0]))


def site_problems(insp: Inspection) -> Para:
    failed = [s for s in insp.sites if s.qualified is False]
    cats = veto_categories(insp.sites)
    if not failed:
        return ["（一）本次抽查的政府网站未发现单项否决问题。"]
    vetoed = sum(1 for s in failed if s.vetoes)
    names = "、".join(RULE_NAMES.get(r, r) for r, _ in cats)
    para: Para = []
    if cats:
        para.append(f"（一）部分政府网站存在{RULE_NAMES.get(cats[0][0], cats[0][0])}等问题。在本次抽查中，"
                    f"因{names}等情况被评定为单项否决{vetoed}个。其中，")
        parts = []
        for rule, members in cats:
            label = RULE_NAMES.get(rule, rule)
            lead = "等" if len(members) > 1 else ""
            parts.append(joined([[site_link(s, rule)] for s in members]) + [f"{lead}{len(members)}个网站{label}"])
        para += joined(parts, "；") + ["。"]
    low = [s for s in failed if not s.vetoes]
    if low:
        para += ["另有" if cats else "（一）本次抽查中，"] + joined([[site_link(s)] for s in low]) + [f"{len(low)}个网站扣分后得分低于合格线，评定为不合格。"]
    return para


def owner_groups(accounts: list[AccountResult], rule_id: str | None) -> Para:
    """owner“name1”“name2”、owner2“name3” — consecutive accounts of one owner share its name."""
    parts: list[Para] = []
    for acc in accounts:
        if parts and parts[-1][0] == acc.owner:
            parts[-1].append(account_link(acc, rule_id))
        else:
            parts.append([acc.owner, account_link(acc, rule_id)])
    return joined(parts)


def stale_accounts(insp: Inspection) -> Para:
    stale = [a for a in insp.accounts if a.qualified is False and a.status == "found"]
    para: Para = ["（二）部分政务新媒体存在“睡眠”“僵尸”现象。"]
    found_any = False
    for bucket, lead in BUCKETS:
        members = [a for a in stale if a.bucket == bucket]
        if not members:
            continue
        found_any = True
        para.append(("在本次抽查中发现" if bucket == "1y" else "") + lead.format(n=len(members)) + "，其中，")
        groups = []
        platforms = sorted(platforms_of(members), key=lambda p: -sum(1 for a in members if a.platform == p))
        for platform in platforms:
            ps = [a for a in members if a.platform == platform]
            groups.append([f"{PLATFORM_SHORT.get(platform, platform)}{len(ps)}个："] + owner_groups(ps, "account_not_updated"))
        para += joined(groups, "；") + ["。"]
    if not found_any:
        para.append("本次抽查未发现超过2周未更新的政务新媒体。")
    return para


def management(insp: Inspection) -> Para:
    def listing(members, rule_id):
        parts = []
        for platform in platforms_of(members):
            ps = [a for a in members if a.platform == platform]
            label = PLATFORM_NAMES.get(platform, platform).removeprefix("政务")
            groups: list[Para] = []
            for acc in ps:
                if groups and groups[-1][0] == acc.owner:
                    groups[-1].append(account_link(acc, rule_id))
                else:
                    groups.append([acc.owner, label, account_link(acc, rule_id)])
            parts.extend(groups)
        return joined(parts)

    renamed = [a for a in insp.accounts if a.name_changed]
    missing = [a for a in insp.accounts if a.status == "not_found"]
    if not renamed and not missing:
        return []
    para: Para = ["部分主管单位管理不到位。"]
    pieces = []
    if renamed:
        pieces.append(listing(renamed, "account_name_changed") + [f"名称变动未报备{len(renamed)}个"])
    if missing:
        pieces.append(listing(missing, "account_not_found") + [f"搜索不到{len(missing)}个"])
    return para + joined(pieces, "；") + ["。"]


# --- 整改复查 -------------------------------------------------------------------------------------

def compare_section(new: Inspection, old: Inspection) -> list[Para]:
    paras: list[Para] = [[f"对照{old.asof}（批次{old.run_id}）抽查中发现的问题，本次（{new.asof}）复查情况如下。"]]
    for label, unit, cur, prev, key, link in (
            ("政府网站", "网站", new.sites, old.sites, "site_id", site_link),
            ("政务新媒体", "账号", new.accounts, old.accounts, "account_id", account_link)):
        if not cur and not prev:
            continue
        before = {getattr(x, key): x for x in prev}
        now = {getattr(x, key): x for x in cur}
        was_bad = [k for k, x in before.items() if x.qualified is False]
        fixed = [now[k] for k in was_bad if k in now and now[k].qualified]
        still = [now[k] for k in was_bad if k in now and now[k].qualified is False]
        unchecked = [before[k] for k in was_bad if k not in now or now[k].qualified is None]
        newly = [x for k, x in now.items() if x.qualified is False and before.get(k) is not None
                 and before[k].qualified is not False]
        fresh = [x for k, x in now.items() if x.qualified is False and k not in before]
        para: Para = [f"{label}：上次不合格的{len(was_bad)}个{unit}中，已整改合格{len(fixed)}个"]
        para += (["："] + joined([[link(x)] for x in fixed])) if fixed else []
        para += [f"；仍不合格{len(still)}个"] + ((["："] + joined([[link(x)] for x in still])) if still else [])
        if unchecked:
            para += [f"；本次未能复查{len(unchecked)}个："] + joined([[x.name] for x in unchecked])
        para += [f"。上次合格、本次新发现不合格{len(newly)}个"] + ((["："] + joined([[link(x)] for x in newly])) if newly else [])
        if fresh:
            para += [f"；上次未抽查、本次不合格{len(fresh)}个"]
        paras.append(para + ["。"])
    return paras


# --- 附件 -----------------------------------------------------------------------------------------

def problem_cells(problems, url_fallback="", severities=("veto",)) -> Para:
    """The problems of the given severities, each linked to its evidence."""
    parts = []
    for p in problems:
        if p.severity not in severities:
            continue
        label = RULE_NAMES.get(p.rule_id, p.rule_id)
        kind = {"veto": "", "deduct": "扣分：", "warn": "存疑："}[p.severity]
        parts.append([f"{kind}{label}：", Link(p.detail or label, p.evidence_url or url_fallback)])
    return joined(parts, "；")


def site_table(insp: Inspection) -> Table:
    table = Table(f"附件1：政府网站抽查情况统计表（{insp.asof}）",
                  ["序号", "网站名称", "网址", "地区", "检查结果", PROBLEMS, "得分", MINOR], kind="sites")
    for i, s in enumerate(insp.sites, 1):
        problems = problem_cells(s.problems, s.url) or ([not_inspected_reason(s.reason)] if s.qualified is None and s.reason
                                                        else [])
        score = "" if s.score is None else f"{s.score:g}"
        table.rows.append([[str(i)], [s.name], [Link(s.url, s.url)], [s.region], [s.result], problems, [score],
                           problem_cells(s.problems, s.url, ("deduct", "warn"))])
    return table


def account_table(insp: Inspection) -> Table:
    table = Table(f"附件2：政务新媒体抽查情况统计表（{insp.asof}）",
                  ["序号", "平台", "账号名称", "主办单位", "地区", "检查结果", "最近发布", "未更新天数", PROBLEMS,
                   "平台现用名", MINOR], kind="accounts")
    for i, a in enumerate(insp.accounts, 1):
        problems = problem_cells(a.problems, a.url)
        if not problems:
            problems = [BUCKET_NAMES.get(a.bucket, "")] if a.status == "found" else [STATUS_NAMES.get(a.status, a.status)]
        days = "" if a.days_since_post is None else str(a.days_since_post)
        table.rows.append([[str(i)], [PLATFORM_NAMES.get(a.platform, a.platform)], [Link(a.name, a.url) if a.url else a.name],
                           [a.owner], [a.region], [a.result], [a.latest_post or "无"], [days], problems,
                           [a.observed_name if a.observed_name and a.observed_name != a.name else ""],
                           problem_cells(a.problems, a.url, ("deduct", "warn"))])
    return table


def build(insp: Inspection, old: Inspection | None = None) -> Notice:
    overview: list[Para] = []
    problems: list[Para] = []
    if insp.sites:
        overview.append(sites_overview(insp))
        problems.append(site_problems(insp))
    if insp.accounts:
        overview.append(accounts_overview(insp))
        problems.append(stale_accounts(insp))
        mgmt = management(insp)
        if mgmt:
            problems.append(mgmt)
    sections = [("一、总体情况", overview), ("二、存在的主要问题", problems)]
    if old is not None:
        sections.append(("三、整改复查情况", compare_section(insp, old)))
    tables = [site_table(insp)] if insp.sites else []
    if insp.accounts:
        tables.append(account_table(insp))
    return Notice(title="全区政府网站和政务新媒体抽查情况的通报",
                  subtitle=f"监测时间点：{insp.asof}　批次：{insp.run_id}", sections=sections, tables=tables)
