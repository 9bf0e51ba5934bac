"""The scheduler's queue: Scrapy's downloader-aware queue, choosing the next site without asking them all.

Scrapy's ``DownloaderAwarePriorityQueue`` pops from the slot with the fewest active downloads, the
first such slot after the one chosen last (in slot order), so that sites take turns. To find it, it
asks every slot holding queued requests for its active downloads, for every request: with hundreds
of sites in flight that was about 3 % of an inspect crawl's CPU (BENCHMARKS.md). No slot has fewer
than none, so the first idle slot after the last one chosen is the slot that rule picks; this queue
keeps the slots in order and walks from there to the first idle one, and asks them all only when
none is idle.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from contextlib import suppress
from pathlib import Path

from scrapy.pqueues import DownloaderAwarePriorityQueue, _path_safe


class SiteAwarePriorityQueue(DownloaderAwarePriorityQueue):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._order = sorted(self.pqueues)  # slots holding requests; a JOBDIR's come back at start

    def push(self, request) -> None:
        slot = self._downloader_interface.get_slot_key(request)
        if slot not in self.pqueues:
            insort(self._order, slot)
        super().push(request)

    def pop(self):
        if not self.pqueues:
            return None
        slot = self._first_idle()
        if slot is None:  # every slot is busy: Scrapy's rule, asking them all
            request = super().pop()
            if self._last_selected_slot not in self.pqueues:  # its queue emptied, and Scrapy dropped it
                del self._order[bisect_left(self._order, self._last_selected_slot)]
            return request
        self._last_selected_slot = slot
        queue = self.pqueues[slot]
        request = queue.pop()
        if len(queue) == 0:
            self._forget(slot)
        return request

    def _first_idle(self) -> str | None:
        active = self._downloader_interface.downloader.slots
        order, n = self._order, len(self._order)
        last = self._last_selected_slot
        start = bisect_right(order, last) if last is not None else 0
        for i in range(n):
            slot = order[(start + i) % n]
            if slot not in active or not active[slot].active:
                return slot
        return None

    def _forget(self, slot: str) -> None:
        """A slot whose queue is empty leaves the queue, as Scrapy's own pop does it."""
        queue = self.pqueues.pop(slot)
        queue.close()
        del self._order[bisect_left(self._order, slot)]
        if self.key:  # a JOBDIR's slot directory, unless its queue left files there
            with suppress(OSError):
                Path(self.key, _path_safe(slot)).rmdir()
