"""scrapy extract: what a saved page is (list, detail, other), its date, its items and next pages."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.extract import extract_page


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self):
        return "[FILE] [--url URL] [--asof DATE] | --jsonl -"

    def short_desc(self):
        return "Extract kind, date, list items and next pages from saved HTML pages"

    def long_desc(self):
        return ("One page: scrapy extract page.html --url http://…/index.html\n"
                "Many pages: lines of {\"file\": …, \"url\": …} on stdin with --jsonl -; one JSON line out per page;\n"
                "a line may carry its own \"asof\".\n"
                "--asof anchors year-less and relative dates (default: today).")

    def add_options(self, parser):
        super().add_options(parser)
        parser.add_argument("--url", default="", help="the URL the page was saved from")
        parser.add_argument("--asof", default="", help="monitoring date YYYY-MM-DD (default today)")
        parser.add_argument("--jsonl", metavar="-", help="read {\"file\",\"url\"} lines from stdin")

    def run(self, args, opts):
        try:
            asof = date.fromisoformat(opts.asof) if opts.asof else date.today()
        except ValueError:
            raise UsageError(f"--asof {opts.asof!r}: expected YYYY-MM-DD") from None
        if opts.jsonl is not None:
            if opts.jsonl != "-":
                raise UsageError("--jsonl takes - (read from standard input)")
            for n, line in enumerate(sys.stdin, start=1):
                if line.strip():
                    print(json.dumps(self.one_line(line, n, asof), ensure_ascii=False), flush=True)
            return
        if len(args) != 1:
            raise UsageError("give one FILE, or --jsonl -")
        out = self.one(args[0], opts.url or Path(args[0]).resolve().as_uri(), asof)
        print(json.dumps(out, ensure_ascii=False))
        if "error" in out:
            self.exitcode = 1

    def one_line(self, line, n, asof):
        try:
            job = json.loads(line)
            file, url = job["file"], job.get("url") or Path(job["file"]).resolve().as_uri()
            if job.get("asof"):
                asof = date.fromisoformat(job["asof"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            return {"file": None, "kind": "other", "date": None, "items": [], "next_pages": [],
                    "error": f"stdin line {n}: expected {{\"file\", \"url\"[, \"asof\"]}} JSON ({exc})"}
        return self.one(file, url, asof)

    def one(self, file, url, asof):
        try:
            html = Path(file).read_bytes()
        except OSError as exc:
            return {"file": file, "url": url, "kind": "other", "date": None, "items": [], "next_pages": [],
                    "error": f"{file}: {exc.strerror}"}
        try:
            return extract_page(decode(html), url, asof).as_json(file)
        except Exception as exc:  # one bad page must not end a batch: report it on its own line
            return {"file": file, "url": url, "kind": "other", "date": None, "items": [], "next_pages": [],
                    "error": f"{file}: extraction failed: {exc!r}"}


def decode(body: bytes) -> str:
    """Decode a saved page as a browser would: BOM, then <meta charset>, then UTF-8, then GB18030."""
    from w3lib.encoding import html_to_unicode

    _, text = html_to_unicode(None, body)
    return text
