"""Scrapy's downloader, holding every download slot to its concurrency when there is no delay.

Scrapy takes a request off a slot's queue and starts it as an asyncio task, but counts it as
transferring only once the task runs. With ``DOWNLOAD_DELAY = 0`` the loop that takes requests
off the queue therefore empties it at once: a page yielding twenty link checks sends twenty
requests to the site at the same moment, whatever ``CONCURRENT_REQUESTS_PER_DOMAIN`` says.
Counting a request as transferring from the moment it leaves the queue keeps "one request at a
time per site" true at any delay (and lets the site's one connection be reused).
"""

from __future__ import annotations

from collections import deque

from scrapy.core.downloader import Downloader, Slot


class _Queue(deque):
    """A slot's queue whose requests count against the slot's concurrency once taken."""

    def __init__(self, slot: Slot, items=()):
        super().__init__(items)
        self.slot = slot

    def popleft(self):
        request, dfd = super().popleft()
        # Scrapy's _download adds it again (a set) and removes it when the transfer ends
        self.slot.transferring.add(request)
        return request, dfd


class PoliteDownloader(Downloader):
    def _get_slot(self, *args, **kwargs):
        key, slot = super()._get_slot(*args, **kwargs)
        if not isinstance(slot.queue, _Queue):
            slot.queue = _Queue(slot, slot.queue)
        return key, slot
