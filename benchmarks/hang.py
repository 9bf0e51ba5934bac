"""A region where a share of the sites hang: nginx serves the others, a socket server that accepts
and never answers stands in for the hanging ones (on the region's last addresses)."""

from __future__ import annotations

import asyncio
import csv
import threading
from pathlib import Path

from benchmarks.region import NginxRegion, address, free_port_on, generate_sites


class HangingRegion:
    def __init__(self, workdir: Path, n: int, hanging_share: float):
        self.n = n
        self.hanging = round(n * hanging_share)
        self.sites = generate_sites(n)
        self.served = NginxRegion(self.sites[: n - self.hanging], workdir)
        self.loop = asyncio.new_event_loop()
        self.port = None

    def __enter__(self):
        self.served.__enter__()
        hosts = [address(i) for i in range(self.n - self.hanging, self.n)]
        self.port = free_port_on(hosts)
        ready = threading.Event()
        threading.Thread(target=self._run, args=(hosts, ready), daemon=True).start()
        ready.wait(30)
        return self

    def _run(self, hosts, ready):
        asyncio.set_event_loop(self.loop)

        async def hang(reader, writer):
            try:
                await reader.read(4096)  # the request arrives; no answer ever leaves
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                writer.close()  # shutting down: end quietly (asyncio's stream callback re-raises otherwise)

        async def serve():
            self.servers = [await asyncio.start_server(hang, host, self.port, backlog=256) for host in hosts]
            ready.set()

        self.loop.run_until_complete(serve())
        self.loop.run_forever()

    def __exit__(self, *exc):
        asyncio.run_coroutine_threadsafe(self._shutdown(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.served.__exit__(*exc)

    async def _shutdown(self):
        for server in self.servers:
            server.close()
        hanging = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in hanging:
            task.cancel()
        await asyncio.gather(*hanging, return_exceptions=True)

    def write_registry(self, path: Path) -> Path:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["site_id", "name", "url", "region", "kind"])
            for i, site in enumerate(self.sites):
                port = self.served.port if i < self.n - self.hanging else self.port
                w.writerow([site.site_id, site.name, f"http://{address(i)}:{port}/", site.region, site.kind])
        return path
