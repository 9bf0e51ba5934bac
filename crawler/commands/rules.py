"""scrapy rules: the rules that are loaded, where they come from, and their parameters."""

from __future__ import annotations

from scrapy.commands import ScrapyCommand

from crawler.judging import rule_config
from rules.manager import all_rules, get_plugin_manager


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def short_desc(self):
        return "List the loaded rule plugins with their parameters"

    def run(self, args, opts):
        pm = get_plugin_manager()
        config = rule_config(self.settings)
        for rule_id, rule in sorted(all_rules(pm).items()):
            state = "disabled" if rule_id in config.disabled else "enabled"
            origin = type(rule).__module__
            print(f"{rule_id} [{rule.target}, {state}] from {origin}: {rule.summary}")
            for k, v in config.params_for(rule).items():
                print(f"    {k} = {v}")
