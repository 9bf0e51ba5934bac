"""The government new-media account inspection: per account, a platform adapter reads its public data.

    scrapy crawl accounts -a accounts=FILE -a asof=YYYY-MM-DD -s INSPECT_DB=FILE.db
        [-a sample=N|N% -a seed=S] [-a run_id=ID] [-a checks=HANDCHECKS.csv] [-a account=ID]

Each platform adapter (``crawler.platforms``) has one download slot (``platform:<adapter>``) and one
request budget (ACCOUNTS_PLATFORM_MAX_REQUESTS) for the whole crawl: the platform, not the
account, is what rate-limits us. An account whose budget is spent is unverifiable, never guessed.
"""

from __future__ import annotations

import logging
from collections import Counter

import scrapy

from crawler import registry
from crawler.account_items import AccountItem, AccountObservationItem, AccountPostItem, AccountSignalItem
from crawler.failures import classify
from crawler.items import RunItem, now_iso
from crawler.platforms import Fetch, Observation, choose, known_platforms, load_adapter_classes
from crawler.security import lexicon, scan_text
from crawler.spiders.inspect import parse_asof

logger = logging.getLogger(__name__)


class AccountsSpider(scrapy.Spider):
    """Inspect every account of an account registry (see the module docstring for the arguments)."""

    name = "accounts"
    judge_accounts = True

    def __init__(self, accounts=None, asof=None, sample=None, seed="0", run_id=None, checks=None,
                 account=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asof = parse_asof(asof)
        self.run_id = run_id or self.asof.isoformat()
        self.registry_path, self.checks_path = accounts or "", checks or ""
        self.sample_arg, self.seed = sample or "", str(seed)
        self.registry_total = len(registry.load_accounts(accounts, known_platforms(load_adapter_classes()))) if accounts else 0
        self.accounts = {a.account_id: a for a in self.select_accounts(accounts, sample, self.seed, account)}
        self.account_ids = list(self.accounts)
        self.requests_made: Counter = Counter()  # per adapter: the platform's budget
        self.account_requests: Counter = Counter()
        self.observed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.adapters = {name: klass(crawler.settings, spider.asof)
                           for name, klass in load_adapter_classes().items()}
        if spider.checks_path and "manual" in spider.adapters:
            spider.adapters["manual"].path = spider.checks_path
        for adapter in spider.adapters.values():
            adapter.prepare(list(spider.accounts.values()))
        spider.lexicon = lexicon.load(*crawler.settings.getlist("SECURITY_LEXICON_DIRS"))
        return spider

    @classmethod
    def check_arguments(cls, asof=None, accounts=None, sample=None, seed="0", checks=None, account=None, **_):
        """Validate the -a arguments, the registry and the hand-check file before the crawl starts."""
        parse_asof(asof)
        chosen = cls.select_accounts(accounts, sample, str(seed), account)
        if checks:
            from crawler.platforms.manual import ManualAdapter

            ManualAdapter({"ACCOUNTS_MANUAL_CHECKS": checks}, parse_asof(asof)).prepare(chosen)

    @staticmethod
    def select_accounts(path, sample=None, seed="0", account=None) -> list[registry.Account]:
        if path is None:
            raise registry.RegistryError("accounts is required: -a accounts=FILE.csv (the account registry)")
        adapters = load_adapter_classes()
        chosen = registry.load_accounts(path, known_platforms(adapters))
        for a in chosen:
            named = a.extra.get("adapter", "").lower()
            if named and named not in adapters:
                raise registry.RegistryError(f"{path}, row {a.row}: unknown adapter {a.extra['adapter']!r} "
                                             f"(expected one of {', '.join(sorted(adapters))})")
        if account:
            chosen = [a for a in chosen if a.account_id == account]
            if not chosen:
                raise registry.RegistryError(f"{path}: no account with account_id {account!r}")
        n = registry.parse_sample(sample, len(chosen))
        return registry.stratified_sample(chosen, n, seed, lambda a: a.platform)

    async def start(self):
        yield RunItem(run_id=self.run_id, spider=self.name, asof=self.asof.isoformat(), started_at=now_iso(),
                      registry=str(self.registry_path), sample=self.sample_arg, seed=self.seed,
                      drawn=self.account_ids, registry_total=self.registry_total,
                      settings={k: self.settings.get(k) for k in (
                          "ACCOUNTS_PLATFORM_MAX_REQUESTS", "ACCOUNTS_WEIBO_API", "ACCOUNTS_MANUAL_CHECKS",
                          "DOWNLOAD_DELAY", "RULES_DISABLED", "RULE_PARAMS", "ACCOUNT_BUCKETS")} | {"checks": self.checks_path})
        logger.info("inspecting %d accounts as of %s (run %s)", len(self.accounts), self.asof, self.run_id)
        for account in self.accounts.values():
            adapter = choose(account, self.adapters)
            yield AccountItem(account_id=account.account_id, platform=account.platform, name=account.name,
                              owner=account.owner, region=account.region, url=account.url,
                              adapter=adapter.name if adapter else account.extra.get("adapter", ""),
                              platform_id=account.extra.get("platform_id", ""),
                              reported_names=account.extra.get("reported_names", ""), row=account.row)
            problem = f"no platform adapter reads {account.platform!r}" if adapter is None else adapter.check(account)
            if problem:
                logger.error("%s, row %d: account %s cannot be read: %s", self.registry_path, account.row,
                             account.account_id, problem)
                for item in self.observed_items(account, adapter, Observation(
                        "unverifiable", account.url, reason="registry", note=problem)):
                    yield item
                continue
            for out in self.run_step(account, adapter, lambda: adapter.start(account)):
                yield out

    # --- adapter steps ---------------------------------------------------------------------------

    def run_step(self, account, adapter, step):
        """Turn what an adapter step yields into requests and items; a broken adapter is an error, not a guess."""
        produced = False
        try:
            for out in step() or ():
                produced = True
                if isinstance(out, Fetch):
                    yield from self.fetch(account, adapter, out)
                elif isinstance(out, Observation):
                    yield from self.observed_items(account, adapter, out)
                else:
                    raise TypeError(f"adapter yielded {type(out).__name__}, not Fetch or Observation")
        except Exception as exc:
            logger.exception("adapter %s failed on account %s", adapter.name, account.account_id)
            yield from self.observed_items(account, adapter, Observation(
                "unverifiable", account.url, reason="adapter_error", note=f"{type(exc).__name__}: {exc}"))
            return
        if not produced:
            yield from self.observed_items(account, adapter, Observation(
                "unverifiable", account.url, reason="adapter_error", note="the adapter gave no result"))

    def fetch(self, account, adapter, out: Fetch):
        budgets = self.settings.getdict("ACCOUNTS_PLATFORM_MAX_REQUESTS")
        budget = int(budgets.get(adapter.name, budgets.get("default", 0)))
        if self.requests_made[adapter.name] >= budget:
            self.crawler.stats.inc_value(f"govinspect/accounts/over_budget/{adapter.name}")
            yield from self.observed_items(account, adapter, Observation(
                "unverifiable", out.url, reason="over_budget",
                note=f"平台 {adapter.name} 本次请求额度（{budget}）已用完"))
            return
        self.requests_made[adapter.name] += 1
        self.account_requests[account.account_id] += 1
        yield scrapy.Request(out.url, callback=self.parse_step, errback=self.on_error, dont_filter=True,
                             headers=out.headers or None,
                             meta={"account_id": account.account_id, "adapter": adapter.name, "step": out.step,
                                   "data": out.data, "download_slot": f"platform:{adapter.name}"})

    def parse_step(self, response):
        account, adapter = self.accounts[response.meta["account_id"]], self.adapters[response.meta["adapter"]]
        method = getattr(adapter, response.meta["step"])
        yield from self.run_step(account, adapter, lambda: method(account, response, response.meta["data"]))

    def on_error(self, failure):
        request = failure.request
        account, adapter = self.accounts[request.meta["account_id"]], self.adapters[request.meta["adapter"]]
        outcome, status, detail = classify(failure.value)
        self.crawler.stats.inc_value(f"govinspect/fetch/{outcome}")
        logger.warning("account %s: %s failed: %s (%s)", account.account_id, request.url, outcome, detail)
        yield from self.run_step(account, adapter, lambda: adapter.failed(
            account, request.url, request.meta["data"], outcome, detail, status))

    def observed_items(self, account, adapter, obs: Observation):
        if account.account_id in self.observed:
            logger.warning("account %s: a second observation ignored (%s)", account.account_id, obs.status)
            return
        self.observed.add(account.account_id)
        self.crawler.stats.inc_value(f"govinspect/accounts/{obs.status}")
        logger.info("account %s (%s): %s%s%s", account.account_id, account.name, obs.status,
                    f" as “{obs.name}”" if obs.name else "", f" [{obs.reason}]" if obs.reason else "")
        yield AccountObservationItem(
            account_id=account.account_id, status=obs.status, adapter=adapter.name if adapter else "",
            evidence_url=obs.evidence_url or account.url, reason=obs.reason, observed_name=obs.name,
            platform_id=obs.platform_id, note=obs.note, partial=obs.partial, interaction=obs.interaction,
            post_count=len(obs.posts), requests=self.account_requests[account.account_id],
            checked_by=obs.checked_by, checked_at=obs.checked_at, fetched_at=now_iso())
        for i, post in enumerate(obs.posts):
            url = post.url or f"{obs.evidence_url}#post{i + 1}"
            yield AccountPostItem(account_id=account.account_id, url=url,
                                  title=post.title, date_raw=post.date_raw, date=post.date, pinned=post.pinned,
                                  repost=post.repost, comments=post.comments, extra=post.extra)
            for sig in scan_text([("post", post.title)], self.lexicon):
                yield AccountSignalItem(account_id=account.account_id, url=url, subject=sig.subject, kind=sig.kind,
                                        matched=sig.matched, signals=sig.signals, category=sig.category,
                                        context=sig.context, score=sig.score, right=sig.right, level=sig.level,
                                        lexicon_version=self.lexicon.version)
