"""The site and account registries: read, validate, sample and shard.

A registry error stops the run before anything is crawled, and names the file and row.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import tldextract

SITE_COLUMNS = ("site_id", "name", "url", "region", "kind")
SITE_KINDS = ("portal", "department")
ACCOUNT_COLUMNS = ("account_id", "platform", "name", "owner", "region", "url")
PLATFORMS = ("wechat", "weibo", "douyin", "toutiao", "feed")
_FALSE = {"0", "no", "n", "false", "none", "无", "否"}


class RegistryError(ValueError):
    """A registry file that cannot be used; the message names the file and row."""


@dataclass(frozen=True)
class Site:
    site_id: str
    name: str
    url: str
    region: str
    kind: str
    domains: tuple[str, ...] = ()
    spider: str = ""
    services: bool = True
    platform: str = ""
    render: bool = False  # optional column render=yes: fetch its pages through a browser (crawler/render.py)
    row: int = 0

    @functools.cached_property
    def hosts(self) -> frozenset[str]:
        """The site's hosts: its URL's and that one's www./bare twin (www.x.gov.cn and x.gov.cn serve
        one site; another subdomain may be another site's), and the declared ``domains``."""
        host = host_of(self.url)
        return frozenset({host, _www_twin(host), *self.domains})

    @property
    def slot(self) -> str:
        """The download slot: one politeness budget per site, or per shared platform."""
        return f"platform:{self.platform}" if self.platform else f"site:{self.site_id}"

    def owns(self, url: str) -> bool:
        return host_of(url) in self.hosts


@dataclass(frozen=True)
class Account:
    account_id: str
    platform: str
    name: str
    owner: str
    region: str
    url: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    row: int = 0


def _www_twin(host: str) -> str:
    if host.startswith("www."):
        return host[4:]
    if "." not in host or host.replace(".", "").isdigit() or ":" in host:
        return host  # localhost, an IPv4 or IPv6 address
    return f"www.{host}"


@functools.lru_cache(maxsize=16384)  # a site's links repeat on every page
def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def read_table(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV written by hand or by Excel: UTF-8 (with or without BOM) or GB18030."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read: {exc.strerror}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise RegistryError(f"{path}: neither UTF-8 nor GB18030")
    if "\x00" in text:
        raise RegistryError(f"{path}: binary data, not a CSV file")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = []
    for row in reader:
        # line_num counts physical lines, so quoted newlines keep row numbers honest
        if not any((v or "").strip() for k, v in row.items() if k is not None):
            continue
        extra = row.pop(None, None)
        if extra and any(x.strip() for x in extra):
            raise RegistryError(f"{path}, row {reader.line_num}: more fields than the header has")
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return header, rows


def _require_columns(path, header, required):
    missing = [c for c in required if c not in header]
    if missing:
        raise RegistryError(
            f"{path}, row 1 (header): missing column(s) {', '.join(missing)}; "
            f"expected {','.join(required)}"
        )


def _check_url(path, line, url):
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket: "http://[::1/"
        raise RegistryError(f"{path}, row {line}: unparseable URL {url!r} ({exc})") from None
    try:
        parts.port
    except ValueError:
        raise RegistryError(f"{path}, row {line}: unparseable URL {url!r} (bad port)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise RegistryError(f"{path}, row {line}: unparseable URL {url!r} (need http(s)://host/…)")


def _flag(value: str, default: bool) -> bool:
    return default if not value else value.strip().lower() not in _FALSE


def load_sites(path: str | Path) -> list[Site]:
    header, rows = read_table(path)
    _require_columns(path, header, SITE_COLUMNS)
    sites, seen = [], {}
    for line, row in rows:
        for col in ("site_id", "url"):
            if not row[col]:
                raise RegistryError(f"{path}, row {line}: empty {col}")
        sid = row["site_id"]
        if sid in seen:
            raise RegistryError(f"{path}, row {line}: duplicate site_id {sid!r} (first on row {seen[sid]})")
        seen[sid] = line
        _check_url(path, line, row["url"])
        kind = row["kind"].lower()
        if kind not in SITE_KINDS:
            raise RegistryError(
                f"{path}, row {line}: unknown kind {row['kind']!r} (expected {' or '.join(SITE_KINDS)})"
            )
        domains = tuple(d.strip().lower() for d in row.get("domains", "").replace(";", " ").replace(",", " ").split() if d.strip())
        sites.append(Site(
            site_id=sid, name=row["name"] or sid, url=row["url"], region=row["region"], kind=kind,
            domains=domains, spider=row.get("spider", ""), services=_flag(row.get("services", ""), True),
            platform=row.get("platform", ""), render=_flag(row.get("render", ""), False), row=line,
        ))
    return sites


def load_accounts(path: str | Path, platforms: tuple[str, ...] = PLATFORMS) -> list[Account]:
    """The account registry; ``platforms`` adds those of platform adapter plugins to the contract's."""
    header, rows = read_table(path)
    _require_columns(path, header, ACCOUNT_COLUMNS)
    accounts, seen = [], {}
    for line, row in rows:
        for col in ("account_id", "platform", "name"):
            if not row[col]:
                raise RegistryError(f"{path}, row {line}: empty {col}")
        aid = row["account_id"]
        if aid in seen:
            raise RegistryError(f"{path}, row {line}: duplicate account_id {aid!r} (first on row {seen[aid]})")
        seen[aid] = line
        platform = row["platform"].lower()
        if platform not in platforms:
            raise RegistryError(
                f"{path}, row {line}: unknown platform {row['platform']!r} (expected one of {', '.join(platforms)})"
            )
        if row["url"]:
            _check_url(path, line, row["url"])
        extra = {k: v for k, v in row.items() if k not in ACCOUNT_COLUMNS and v}
        accounts.append(Account(aid, platform, row["name"], row["owner"], row["region"], row["url"], extra, line))
    return accounts


def stable_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def parse_sample(value: str | None, total: int) -> int | None:
    """`-a sample=N` or `-a sample=10%` → a count, or None for no sampling."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        if text.endswith("%"):
            pct = float(text[:-1])
            if not 0 < pct <= 100:
                raise ValueError
            return max(1, round(total * pct / 100))
        n = int(text)
        if n < 1:
            raise ValueError
        return min(n, total)
    except ValueError:
        raise RegistryError(f"sample={value!r}: expected a positive count or a percentage like 10%") from None


def stratified_sample(records: list, n: int | None, seed: str, stratum) -> list:
    """Draw n records, proportionally from each stratum (largest remainder), reproducibly.

    The draw depends only on the records, n and the seed, never on the machine or Python's
    hash salt, so every machine draws the same list.
    """
    if n is None or n >= len(records):
        return list(records)
    groups: dict[str, list] = {}
    for rec in records:
        groups.setdefault(stratum(rec), []).append(rec)
    total = len(records)
    quotas = {k: n * len(v) / total for k, v in groups.items()}
    counts = {k: int(q) for k, q in quotas.items()}
    rest = n - sum(counts.values())
    for k in sorted(quotas, key=lambda k: (-(quotas[k] - counts[k]), k))[:rest]:
        counts[k] += 1
    chosen = set()
    for key in sorted(groups):
        members = sorted(groups[key], key=_record_id)
        rng = random.Random(hashlib.sha256(f"{seed}|{key}".encode()).hexdigest())
        chosen.update(_record_id(r) for r in rng.sample(members, counts[key]))
    return [r for r in records if _record_id(r) in chosen]


def _record_id(rec) -> str:
    return getattr(rec, "site_id", None) or rec.account_id


def parse_shard(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        i, n = (int(x) for x in str(value).split("/"))
        if n < 1 or not 0 <= i < n:
            raise ValueError
    except ValueError:
        raise RegistryError(f"shard={value!r}: expected i/N with 0 ≤ i < N, e.g. shard=0/4") from None
    return i, n


def shard_key(site: Site) -> str:
    """Sites on one 集约化 platform, or under one registrable domain, stay in one shard.

    slj.bd.gov.cn and www.bd.gov.cn → bd.gov.cn (gov.cn is a public suffix); an IP address or a
    host without a public suffix is its own key.
    """
    if site.platform:
        return f"platform:{site.platform}"
    host = host_of(site.url)
    return _registrable(host).top_domain_under_public_suffix or host


def in_shard(site: Site, shard: tuple[int, int]) -> bool:
    i, n = shard
    return stable_hash(shard_key(site)) % n == i


@functools.cache
def _psl() -> tldextract.TLDExtract:
    # the snapshot bundled with tldextract: a shard must not depend on fetching the live list
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _registrable(host: str):
    return _psl()(host)
