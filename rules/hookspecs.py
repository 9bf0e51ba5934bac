"""The hooks a govinspect plugin can implement.

A plugin is a module or object with functions decorated ``@rules.hookimpl``, registered through
the entry-point group ``govinspect.rules`` in its package metadata::

    [project.entry-points."govinspect.rules"]
    my_checks = "my_package.my_checks"

The built-in rules are registered the same way (every module of ``rules/builtin``; see ``rules.manager.builtin_modules``).
"""

import pluggy

hookspec = pluggy.HookspecMarker("govinspect")
hookimpl = pluggy.HookimplMarker("govinspect")


@hookspec
def register_rules():
    """Return a list of ``rules.Rule`` instances this plugin provides.

    A rule's ``id`` must be unique across plugins. Its ``defaults`` are the parameters it reads
    from ``ctx.params``; staff override them with the RULE_PARAMS setting, e.g.
    ``-s 'RULE_PARAMS={"columns_not_updated": {"stale_count": 3}}'``, and switch rules off with
    RULES_DISABLED. A rule is called once per site (or account, per its ``target``) with the
    stored facts of that subject and must not fetch anything.
    """
