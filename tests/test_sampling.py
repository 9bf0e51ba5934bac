"""The stratified draw is the same on every machine: no hash salt, a pinned result for a pinned seed."""

from __future__ import annotations

import subprocess
import sys

from crawler import registry
from tests.conftest import ROOT, scrapy_env

DRAW = """
import hashlib
from crawler.demo import seed_region
print(hashlib.sha256(",".join(sorted(seed_region.drawn_ids(seed_region.slots()))).encode()).hexdigest())
"""
# sha256 of the sorted site_ids that sample=120, seed=2022Q4 draws from the seed-shaped registry
PINNED = "d8481747137f7876"


def test_draw_is_pinned_and_ignores_the_hash_salt():
    digests = {subprocess.run([sys.executable, "-c", DRAW], cwd=ROOT, capture_output=True, text=True, check=True,
                              env=scrapy_env(PYTHONHASHSEED=salt)).stdout.strip() for salt in ("0", "1", "4242")}
    assert len(digests) == 1
    assert digests.pop().startswith(PINNED)


def test_strata_get_proportional_quotas_and_seeds_differ():
    sites = [registry.Site(f"s{i:03d}", "", "http://x/", region, "portal")
             for i, region in enumerate(["甲"] * 60 + ["乙"] * 30 + ["丙"] * 10)]
    drawn = registry.stratified_sample(sites, 10, "a", lambda s: s.region)
    assert [sum(1 for s in drawn if s.region == r) for r in "甲乙丙"] == [6, 3, 1]
    # the registry's row order does not change who is drawn
    reordered = registry.stratified_sample(list(reversed(sites)), 10, "a", lambda s: s.region)
    assert {s.site_id for s in reordered} == {s.site_id for s in drawn}
    other = registry.stratified_sample(sites, 10, "b", lambda s: s.region)
    assert {s.site_id for s in other} != {s.site_id for s in drawn}
    assert registry.parse_sample("10%", 267) == 27 and registry.parse_sample("120", 267) == 120
