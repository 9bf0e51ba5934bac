"""Rules judge stored facts and return findings. Nothing here imports Scrapy.

- ``rules.hookspecs``: the plugin hooks (their docstrings are the documentation);
- ``rules.manager``: the plugin manager (built-ins plus the ``govinspect.rules`` entry points);
- ``rules.facts``: the stored facts a rule reads;
- ``rules.engine``: evaluate a run, write findings and verdicts;
- ``rules.builtin``: one module per official indicator.
"""

from rules.base import Context, Finding, Rule
from rules.hookspecs import hookimpl

__all__ = ["Context", "Finding", "Rule", "hookimpl"]
