"""Site identity and hygiene (《政府网站发展指引》, 国办发〔2017〕47号): facts for the site_identity rule.

On the homepage: 网站标识码 (``<meta name="SiteIDCode">``, the footer line, the 找错 widget's
``sitecode``), 党政机关网站标识 (the dcs.conac.cn script or bszs.conac.cn link), ICP备案 and 公安备案
numbers (in the forms footers print them: a dropped 号 or province, 网站识别码 for 网站标识码), the
我为政府网站找错 entry (jiucuo.js, a link or click to its page, or an entry of that name). A mark shown
in one of the homepage's panels (a frameset's footer frame) is present: found there, it replaces the
homepage's "absent". From the registry (never from the host a fixture is served on): a domain under
.gov.cn or .政务. From the network: HTTPS, the certificate's expiry, an IPv6 (AAAA) address. What cannot
be checked (an IP address, a loopback server on its own port) is stored as ``unchecked``: a fact of its
own, never a failure.

One row per check in the ``identity`` table: status ``present``, ``absent``, ``invalid``,
``inconsistent`` or ``unchecked``, the value found and where.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import ClassVar
from urllib.parse import urlsplit

from crawler.analyzers import Analyzer
from crawler.failures import classify
from crawler.items import now_iso

SITE_CODE = re.compile(r"^(?:\d{10}|bm\d{8})$", re.I)
# 网站标识码 (政府网站标识码), or a code of the right form after a shorter label (标识码, 网站识别码)
FOOTER_CODE = re.compile(r"网站标识码\s*[：:]?\s*([A-Za-z]{0,2}\d{6,12})|(?:标识码|识别码)\s*[：:]?\s*(\d{10}|bm\d{8})(?!\d)",
                         re.I)
# 蜀ICP备12345678号-1; a footer that drops the 号 (蜀ICP备12345678-1) shows its number all the same
ICP = re.compile(r"[\u4e00-\u9fff]ICP[备證证]\s*[：:]?\s*(?:[0-9０-９]+\s*号|[0-9０-９]{6,})(?:\s*-\s*\d+)?")
# the standard "川公网安备 51010402000507号" (its 14 digits without the 号, or the province left out), or
# the 14-digit number after a "公安(机关)备案号" label
POLICE = re.compile(r"[\u4e00-\u9fff]?公网安备\s*[：:]?\s*(?:[0-9０-９]+\s*号|[0-9０-９]{14})|"
                    r"公安(?:机关)?备案(?:号|编号)?\s*[：:]?\s*[0-9０-９]{14}")
GOV_SUFFIXES = (".gov.cn", ".政务", ".xn--zfr164b")


@dataclass
class IdentityItem:
    """One identity or hygiene check of a site."""

    table: ClassVar[str] = "identity"
    key: ClassVar[tuple[str, ...]] = ("run_id", "site_id", "check_name")
    site_id: str
    check_name: str  # site_code, conac, icp, police, domain, jiucuo, https, cert_expiry, ipv6
    status: str  # present, absent, invalid, inconsistent, unchecked
    value: str = ""
    evidence_url: str = ""
    detail: str = ""
    checked_at: str = ""


class IdentityAnalyzer(Analyzer):
    name = "identity"
    roles = ("homepage", "homepage_panel")
    kept = ("present",)

    def __init__(self, crawler):
        super().__init__(crawler)
        self.present: dict[str, set[str]] = {}  # site_id → marks found present so far, on any of its pages

    def item(self, site, check, status, value="", url="", detail=""):
        return IdentityItem(site_id=site.site_id, check_name=check, status=status, value=value,
                            evidence_url=url or site.url, detail=detail, checked_at=now_iso())

    def analyze(self, spider, response, page, site, role):
        # a panel may answer before the homepage's own checks are stored: keep what either found present
        present = self.present.setdefault(site.site_id, set())
        for item in self.marks(site, response.url, page):
            if item.status == "present" and item.check_name not in present:
                present.add(item.check_name)
                yield item
            elif role == "homepage" and item.check_name not in present:
                yield item
        if role == "homepage":
            yield self.domain(site)
            yield self.ipv6(site)
            yield from self.https(spider, site, response)

    def marks(self, site, url, page):
        root = page.root  # the tree the spider parsed: read with XPath, not parsed again
        yield self.site_code(site, url, root)
        conac = bool(re.search(r"conac\.cn|_ideConac", page.html, re.I))
        yield self.item(site, "conac", "present" if conac else "absent", url=url,
                        detail="" if conac else "页面无党政机关网站标识（dcs.conac.cn 脚本或 bszs.conac.cn 链接）")
        text = " ".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
        for check, pattern, label in (("icp", ICP, "ICP备案号"), ("police", POLICE, "公安机关备案号")):
            found = pattern.search(text)
            yield self.item(site, check, "present" if found else "absent", found.group(0) if found else "", url,
                            "" if found else f"页面无{label}")
        # the widget's script, a link to its page (or one a click opens), or an entry named 我为政府网站找错
        jiucuo = _first(root.xpath("//script[@id='_jiucuo_' or contains(@src, 'jiucuo')]/@src | "
                                   "//a[contains(@href, 'jiucuo')]/@href | //a[contains(@onclick, 'jiucuo')]/@onclick | "
                                   "//a[contains(., '政府网站找错') or .//img[contains(@alt, '政府网站找错')]]/@href"))
        yield self.item(site, "jiucuo", "present" if jiucuo else "absent", jiucuo or "", url,
                        "" if jiucuo else "页面无“我为政府网站找错”入口（jiucuo.js）")

    def site_code(self, site, url, root):
        sources = {
            "meta": _first(root.xpath("//meta[translate(@name,'SITEIDCODE','siteidcode')='siteidcode']/@content")).strip(),
            "footer": next((a or b for a, b in FOOTER_CODE.findall(" ".join(root.xpath("//body//text()")))), ""),
            "jiucuo": _first(root.xpath("//script[@id='_jiucuo_']/@sitecode")).strip(),
        }
        found = {k: v for k, v in sources.items() if v}
        value = json.dumps(found, ensure_ascii=False, sort_keys=True)
        if not found:
            return self.item(site, "site_code", "absent", "", url, "页面无网站标识码（SiteIDCode 元数据或页脚）")
        bad = {k: v for k, v in found.items() if not SITE_CODE.match(v)}
        if bad:
            return self.item(site, "site_code", "invalid", value, url,
                             f"网站标识码格式不符（应为10位数字或bm加8位数字）：{bad}")
        if len({v.lower() for v in found.values()}) > 1:
            return self.item(site, "site_code", "inconsistent", value, url, f"各处网站标识码不一致：{found}")
        return self.item(site, "site_code", "present", value, url)

    def domain(self, site):
        names = sorted(h for h in site.hosts if h and not _is_address(h))
        if not names:
            return self.item(site, "domain", "unchecked", " ".join(sorted(site.hosts)),
                             detail="登记的网址为IP地址或本机地址，无法判断域名后缀")
        bad = [h for h in names if not h.endswith(GOV_SUFFIXES)]
        return self.item(site, "domain", "absent" if bad else "present", " ".join(names),
                         detail=f"域名不以.gov.cn或.政务结尾：{' '.join(bad)}" if bad else "")

    def ipv6(self, site):
        host = urlsplit(site.url).hostname or ""
        if _is_address(host) or not self.settings.getbool("IDENTITY_DNS_CHECKS"):
            return self.item(site, "ipv6", "unchecked", host, detail="无法在此查询AAAA记录（IP地址、本机地址或已关闭DNS检查）")
        try:
            found = sorted({a[4][0] for a in socket.getaddrinfo(host, None, socket.AF_INET6, socket.SOCK_STREAM)})
        except socket.gaierror as exc:
            if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
                return self.item(site, "ipv6", "absent", host, detail=f"{host} 无AAAA记录")
            return self.item(site, "ipv6", "unchecked", host, detail=f"AAAA查询失败：{exc}")
        return self.item(site, "ipv6", "present", " ".join(found))

    def https(self, spider, site, response):
        parts = urlsplit(response.url)
        if parts.scheme == "https":
            yield self.item(site, "https", "present", response.url, response.url)
            yield self.cert(site, response)
            return
        host = parts.hostname or ""
        if _is_address(host) or parts.port not in (None, 80):
            why = "登记的网址为IP地址或本机地址，或使用非标准端口，无法检查HTTPS"
            yield self.item(site, "https", "unchecked", detail=why)
            yield self.item(site, "cert_expiry", "unchecked", detail=why)
            return
        req = spider.follow(site, f"https://{parts.netloc}/", self, "https_checked", role="identity",
                            dont_filter=True, record_page=False, dont_retry=True, handle_httpstatus_all=True,
                            download_timeout=self.settings.getfloat("PROBE_TIMEOUT"))
        if req is None:
            yield self.item(site, "https", "unchecked", detail="站点请求预算已用完")
            yield self.item(site, "cert_expiry", "unchecked", detail="站点请求预算已用完")
        else:
            yield req

    def https_checked(self, spider, response, site):
        location = response.headers.get("Location", b"").decode("latin-1")
        if response.status >= 400:
            yield self.item(site, "https", "absent", response.url, response.url, f"HTTPS首页返回HTTP {response.status}")
        elif location.lower().startswith("http://"):
            yield self.item(site, "https", "absent", response.url, response.url, f"HTTPS首页跳转回HTTP：{location}")
        else:
            yield self.item(site, "https", "present", response.url, response.url)
        yield self.cert(site, response)

    def cert(self, site, response):
        certificate = getattr(response, "certificate", None)
        try:
            raw = certificate.original.get_notAfter().decode("ascii")
            not_after = datetime.strptime(raw, "%Y%m%d%H%M%SZ").replace(tzinfo=timezone.utc)
        except (AttributeError, ValueError):
            return self.item(site, "cert_expiry", "unchecked", url=response.url, detail="未取得证书信息")
        return self.item(site, "cert_expiry", "present", not_after.date().isoformat(), response.url,
                         f"证书有效期至 {not_after.date()}")

    def failed(self, spider, failure, site, step):
        outcome, _, detail = classify(failure.value)
        yield self.item(site, "https", "absent", failure.request.url, failure.request.url, f"HTTPS不可用：{outcome}（{detail}）")
        yield self.item(site, "cert_expiry", "unchecked", url=failure.request.url, detail="HTTPS不可用")


def _first(values: list) -> str:
    return str(values[0]) if values else ""


def _is_address(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False
