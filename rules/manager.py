"""The plugin manager: built-in rules plus every plugin of the ``govinspect.rules`` entry points.

GOVINSPECT_LOAD_PLUGINS restricts third-party plugins: a comma-separated list of entry-point
names to load, or empty to load none (tests use it to stay hermetic).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import pkgutil

import pluggy

from rules import hookspecs
from rules.base import Rule

ENTRY_POINT_GROUP = "govinspect.rules"


def builtin_modules() -> list[str]:
    """Every module of rules/builtin is a built-in plugin: adding a rule is adding a module."""
    import rules.builtin

    return [f"rules.builtin.{m.name}" for m in pkgutil.iter_modules(rules.builtin.__path__)]


class PluginError(RuntimeError):
    pass


def get_plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("govinspect")
    pm.add_hookspecs(hookspecs)
    for name in builtin_modules():
        pm.register(importlib.import_module(name), name=name)
    allowed = os.environ.get("GOVINSPECT_LOAD_PLUGINS")
    if allowed is None:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    else:
        wanted = {n.strip() for n in allowed.split(",") if n.strip()}
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if ep.name in wanted and not pm.get_plugin(ep.name):
                pm.register(ep.load(), name=ep.name)
    pm.check_pending()
    return pm


def plugin_versions(pm: pluggy.PluginManager) -> dict[str, str]:
    out = {}
    for plugin, dist in pm.list_plugin_distinfo():
        out[pm.get_name(plugin)] = f"{dist.project_name} {dist.version}"
    for name in builtin_modules():
        out.setdefault(name, "builtin")
    return out


def all_rules(pm: pluggy.PluginManager) -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    for plugin_rules in pm.hook.register_rules():
        for rule in plugin_rules or ():
            if rule.id in found:
                raise PluginError(f"rule id {rule.id!r} is registered twice "
                                  f"({type(found[rule.id]).__module__} and {type(rule).__module__})")
            found[rule.id] = rule
    return found
