"""Versioned word lists, matched with one Aho-Corasick automaton per lexicon set.

A lexicon directory holds (see docs/security.md):

- ``<category>.txt``: forbidden terms of one category (gambling, porn, …), one per line, with a header
  ``# version: …`` and ``# severity: veto|warn`` (whether clear-cut hits of the category may veto);
- ``allow.txt``: context phrases; a hit with one of them within ``ALLOW_WINDOW`` characters is ordinary
  (严厉打击六合彩 is news about fighting gambling, not gambling);
- ``confusion.csv``: ``wrong,right,level,note`` rows of leaders' names and titles, organ names and terms;
- ``suspicious_tlds.txt``: top-level domains favoured by spam hosts.

Several directories stack (the bundled one first, then the user's): a file of the same name adds its
lines, and its version is appended to the version string stored with every signal.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "lexicons"
ALLOW_WINDOW = 10
SPECIAL = {"allow.txt", "suspicious_tlds.txt"}
LEVELS = ("veto", "warn")
_HEADER = re.compile(r"#\s*(version|severity)\s*:\s*(\S+)", re.I)


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Hit:
    term: str
    category: str  # a lexicon category, or "confusion"
    start: int
    end: int
    right: str = ""  # confusion: the correct form
    level: str = ""  # confusion: veto or warn
    note: str = ""


@dataclass
class Lexicon:
    terms: dict[str, str] = field(default_factory=dict)  # term (lower case) → category
    severity: dict[str, str] = field(default_factory=dict)  # category → veto or warn
    allow: set[str] = field(default_factory=set)
    confusion: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # wrong → (right, level, note)
    tlds: set[str] = field(default_factory=set)
    versions: dict[str, list[str]] = field(default_factory=dict)  # file → versions (bundled, then user)

    @property
    def version(self) -> str:
        return ";".join(f"{name}@{'+'.join(v)}" for name, v in sorted(self.versions.items()))

    @functools.cached_property
    def automaton(self):
        auto = ahocorasick.Automaton()
        for term, category in self.terms.items():
            auto.add_word(term, ("term", term, category))
        for phrase in self.allow:
            if phrase not in self.terms:
                auto.add_word(phrase, ("allow", phrase, ""))
        for wrong in self.confusion:
            auto.add_word(wrong.lower(), ("confusion", wrong, "confusion"))
        if len(auto):
            auto.make_automaton()
        return auto

    def find(self, text: str) -> list[Hit]:
        """Lexicon and confusion hits in ``text`` (case-insensitive), without those in allow contexts."""
        auto = self.automaton
        if not text or not len(auto):
            return []
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length in lower case: keep offsets aligned
            lowered = text
        hits, allowed = [], []
        for end, (what, word, category) in auto.iter(lowered):
            start = end - len(word) + 1
            if what == "allow":
                allowed.append((start, end + 1))
            elif what == "confusion":
                right, level, note = self.confusion[word]
                hits.append(Hit(text[start:end + 1], category, start, end + 1, right, level, note))
            else:
                hits.append(Hit(text[start:end + 1], category, start, end + 1))
        if allowed:
            hits = [h for h in hits if h.category == "confusion" or not any(
                a < h.end + ALLOW_WINDOW and h.start - ALLOW_WINDOW < b for a, b in allowed)]
        return hits


def _read_list(path: Path) -> tuple[list[str], dict[str, str]]:
    header, words = {}, []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 ({exc})") from None
    for line in lines:
        line = line.strip()
        if line.startswith("#"):
            m = _HEADER.match(line)
            if m:
                header[m.group(1).lower()] = m.group(2)
            continue
        if line:
            words.append(line.lower())
    if "version" not in header:
        raise LexiconError(f"{path}: no '# version: …' header line")
    return words, header


def _read_confusion(path: Path) -> tuple[dict[str, tuple[str, str, str]], str]:
    text = path.read_text(encoding="utf-8-sig")
    version = next((m.group(2) for m in map(_HEADER.match, text.splitlines()) if m and m.group(1) == "version"), None)
    if version is None:
        raise LexiconError(f"{path}: no '# version: …' header line")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    out = {}
    for n, row in enumerate(csv.DictReader(io.StringIO(body)), start=2):
        wrong, right = (row.get("wrong") or "").strip(), (row.get("right") or "").strip()
        level = (row.get("level") or "warn").strip() or "warn"
        if not wrong or not right or wrong == right:
            raise LexiconError(f"{path}: row {n} ({wrong!r}→{right!r}) needs a wrong and a different right form")
        if level not in LEVELS:
            raise LexiconError(f"{path}: row {n}: level {level!r} is not one of {LEVELS}")
        if wrong in right:
            raise LexiconError(f"{path}: row {n}: the wrong form {wrong!r} occurs inside the right one")
        out[wrong.lower()] = (right, level, (row.get("note") or "").strip())
    return out, version


def load(*dirs: str | Path) -> Lexicon:
    """The bundled lexicons plus those in ``dirs`` (each a directory; files of the same name add up)."""
    lex = Lexicon()
    for d in (BUNDLED, *map(Path, filter(None, dirs))):
        if not d.is_dir():
            raise LexiconError(f"{d}: lexicon directory not found")
        for path in sorted(d.iterdir()):
            if path.name == "confusion.csv":
                rows, version = _read_confusion(path)
                lex.confusion.update(rows)
            elif path.suffix == ".txt":
                words, header = _read_list(path)
                version = header["version"]
                if path.name == "allow.txt":
                    lex.allow.update(words)
                elif path.name == "suspicious_tlds.txt":
                    lex.tlds.update(w.lstrip(".") for w in words)
                else:
                    category = path.stem
                    severity = header.get("severity", lex.severity.get(category, "warn")).lower()
                    if severity not in LEVELS:
                        raise LexiconError(f"{path}: severity {severity!r} is not one of {LEVELS}")
                    lex.severity[category] = severity
                    lex.terms.update((w, category) for w in words)
            else:
                continue
            lex.versions.setdefault(path.stem, []).append(version)
    return lex


@functools.cache
def default() -> Lexicon:
    return load()
