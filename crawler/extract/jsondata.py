"""JSON answers of the endpoints pages call: the document (JSON, or JSONP wrapped in a callback) and
the arrays of records it holds, wherever they sit (``data.list``, ``root``, ``rows``, ``articles`` …)."""

from __future__ import annotations

import json
import re

_JSONP = re.compile(r"^[\w$.]+\s*\(\s*(.*?)\s*\)\s*;?\s*$", re.S)
MAX_RECORDS = 200  # per array: a list shows a few dozen; an export of thousands is not a list


def load(text: str):
    """The JSON document of ``text``, unwrapped from a JSONP callback if need be; ValueError if neither."""
    body = text.strip().lstrip("\ufeff")
    try:
        return json.loads(body)
    except ValueError:
        m = _JSONP.match(body)
        if not m:
            raise
        return json.loads(m.group(1))


def record_arrays(value, path: str = "$", depth: int = 0):
    """(path, records) of every array of objects in the document, outermost first."""
    if depth > 8:
        return
    if isinstance(value, list):
        records = [v for v in value[:MAX_RECORDS] if isinstance(v, dict)]
        if records and len(records) * 2 >= min(len(value), MAX_RECORDS):
            yield path, records
        for i, v in enumerate(value[:MAX_RECORDS]):
            if isinstance(v, (dict, list)):
                yield from record_arrays(v, f"{path}[{i}]", depth + 1)
    elif isinstance(value, dict):
        for key, v in value.items():
            if isinstance(v, (dict, list)):
                yield from record_arrays(v, f"{path}.{key}", depth + 1)
