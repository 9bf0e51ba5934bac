"""The text an inline script writes where it stands, when the script says it plainly.

Templates print a field through a script: ``发布时间：<script>document.write("2024-06-12")</script>``,
or ``var s = "2024-06-12 10:22"; document.write(s.substring(0, 10));``. A browser shows the text; the
readers should see it too. Only scripts made of nothing but string variables and ``document.write``
of literals, those variables and their ``substring``/``substr``/``slice`` are read; anything else (a
function call, a condition, ``unescape``) leaves the script unread: a guess at what code prints would
be worse than no text.
"""

from __future__ import annotations

import re

import lxml.html

_TOKEN = re.compile(r"""\s+|//[^\n]*|/\*.*?\*/|<!--|-->|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|[A-Za-z_$][\w$]*|"""
                    r"""\d+|[().,+=;]""", re.S)
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|(.))", re.S)
_CUTS = {"substring", "substr", "slice"}


def unescape_js(s: str) -> str:
    """The value of a JavaScript string literal's body: ``\\'``, ``\\x41``, ``\\u53d1`` …"""
    return _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if m[1] or m[2] else
                       {"n": "\n", "t": "\t", "r": ""}.get(m[3], m[3]), s)


def written_text(code: str) -> str | None:
    """What ``code`` writes, as a reader sees it (markup read as its text); None when it does more
    than write strings, or writes nothing."""
    if "write" not in code:
        return None
    tokens = _tokens(code)
    if tokens is None:
        return None
    names: dict[str, str] = {}
    out: list[str] = []
    i = 0
    try:
        while i < len(tokens):
            if tokens[i] == ";":
                i += 1
            elif tokens[i] in ("var", "let", "const") and tokens[i + 2] == "=":
                name = tokens[i + 1]
                names[name], i = _expression(tokens, i + 3, names)
            elif tokens[i:i + 4] in (["document", ".", "write", "("], ["document", ".", "writeln", "("]):
                value, i = _expression(tokens, i + 4, names)
                if tokens[i] != ")":
                    return None
                out.append(value)
                i += 1
            else:
                return None
    except (IndexError, KeyError, ValueError):
        return None
    written = "".join(out)
    if "<" in written or "&" in written:  # written markup and entities are read as a browser reads them
        fragment = lxml.html.fragment_fromstring(written, create_parent="div")
        for el in fragment.xpath(".//script | .//style"):
            el.drop_tree()  # keeps its tail: the text after it
        written = fragment.text_content()
    return " ".join(written.split()) or None


def _tokens(code: str) -> list[str] | None:
    tokens, pos = [], 0
    while pos < len(code):
        m = _TOKEN.match(code, pos)
        if not m:
            return None
        token = m.group(0)
        if not (token.isspace() or token.startswith(("//", "/*", "<!--", "-->"))):
            tokens.append(token)
        pos = m.end()
    return tokens + [";"]  # every statement ends, the last one too


def _expression(tokens: list[str], i: int, names: dict[str, str]) -> tuple[str, int]:
    """``'a' + b + c.substring(0, 10)`` from ``tokens[i]``: its value and where it ends."""
    parts = []
    while True:
        token = tokens[i]
        if token[0] in "'\"":
            parts.append(unescape_js(token[1:-1]))
            i += 1
        else:
            value = names[token]
            i += 1
            if tokens[i] == "." and tokens[i + 1] in _CUTS and tokens[i + 2] == "(":
                cut, start = tokens[i + 1], int(tokens[i + 3])
                i += 4
                end = None
                if tokens[i] == ",":
                    end, i = int(tokens[i + 1]), i + 2
                if tokens[i] != ")":
                    raise ValueError(token)
                i += 1
                if cut == "substr":
                    value = value[start:start + end] if end is not None else value[start:]
                else:
                    value = value[start:end]
            parts.append(value)
        if tokens[i] != "+":
            return "".join(parts), i
        i += 1
