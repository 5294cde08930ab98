"""Real forward proxies from the distribution's packages (squid, tinyproxy) in front of a
loopback web, for the proxy tests. Each runs unprivileged-style on a loopback port with
its config, pid file and logs in a temporary folder, in the foreground, stopped by its pid.

How the proxies find the loopback web's hosts without touching /etc/hosts:

* **squid** reads our ``hosts_file`` (every name of the web → 127.0.0.1) and the URLs
  carry the web's port (``http://live0.test:PORT/``). Any other name goes to
  ``dns_nameservers`` on a loopback address where nothing listens: the lookup fails, as
  for a name that does not exist. Losing DNS mid-run = emptying the hosts file and a
  reconfigure (SIGHUP). As root squid drops to ``cache_effective_user`` (``proxy``), so
  the folder is made writable for it.
* **tinyproxy** resolves with the system resolver, which knows none of the web's names:
  an ``Upstream`` line per live host sends their requests (absolute-form) to the web,
  which serves them by name; every other name fails in tinyproxy's own lookup or connect.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

LOOPBACK = "127.0.0.1"
#: A loopback address with no DNS server on it: squid's lookups of unknown names fail.
SILENT_NAMESERVER = "127.0.0.78"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class _Proxy:
    name = "proxy"

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.keep = folder
        self.folder = folder
        if os.geteuid() == 0:
            # squid started as root drops to its ``proxy`` user, which must reach and write
            # its files: pytest's folders are private to root, /tmp is not
            self.folder = Path(tempfile.mkdtemp(prefix=f"linkprospector-{self.name}-"))
            self.folder.chmod(0o777)
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        """The environment a crawl through this proxy runs with."""
        return {
            "http_proxy": self.url,
            "https_proxy": self.url,
            "no_proxy": "",
            "NO_PROXY": "",
            "HTTP_PROXY": self.url,
            "HTTPS_PROXY": self.url,
        }

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self):
        with (self.folder / "stdout.log").open("wb") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.log_tail()}")
            try:
                socket.create_connection((LOOPBACK, self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.name} did not listen: {self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        if self.folder != self.keep:  # keep the logs with the test, drop the shared folder
            for log in self.folder.glob("*.log"):
                shutil.copy(log, self.keep / log.name)
            shutil.rmtree(self.folder, ignore_errors=True)

    def log_tail(self) -> str:
        texts = [p.read_text(errors="replace")[-2000:] for p in self.folder.glob("*.log")]
        return "\n".join(texts)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Squid(_Proxy):
    """squid 5 in the foreground (``-N``) with every file in ``folder``."""

    name = "squid"

    def __init__(self, folder: Path, hosts: list[str]):
        super().__init__(folder)
        self.hosts_file = self.folder / "hosts"
        self.write_hosts(hosts)
        config = f"""
http_port {LOOPBACK}:{self.port}
pid_filename {self.folder}/squid.pid
cache_log {self.folder}/cache.log
access_log stdio:{self.folder}/access.log
cache_store_log none
coredump_dir {self.folder}
cache deny all
cache_mem 8 MB
hosts_file {self.hosts_file}
dns_nameservers {SILENT_NAMESERVER}
dns_timeout 1 seconds
dns_retransmit_interval 200 milliseconds
negative_dns_ttl 1 seconds
positive_dns_ttl 1 seconds
connect_timeout 3 seconds
read_timeout 3 seconds
pinger_enable off
http_access allow all
shutdown_lifetime 0 seconds
visible_hostname proxy.test
netdb_filename none
"""
        self.config = self.folder / "squid.conf"
        self.config.write_text(config)

    def write_hosts(self, hosts: list[str]) -> None:
        self.hosts_file.write_text("".join(f"{LOOPBACK} {host}\n" for host in hosts))

    def command(self) -> list[str]:
        return ["squid", "-N", "-f", str(self.config)]

    def lose_dns(self) -> None:
        """From now on squid resolves no name (its hosts file emptied, reconfigured)."""
        self.write_hosts([])
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGHUP)


class Tinyproxy(_Proxy):
    """tinyproxy in the foreground (``-d``); ``upstream`` hosts go to ``upstream_port``."""

    name = "tinyproxy"

    def __init__(self, folder: Path, upstream_hosts: list[str], upstream_port: int):
        super().__init__(folder)
        lines = [
            f"Port {self.port}",
            f"Listen {LOOPBACK}",
            "Timeout 5",
            f'LogFile "{self.folder}/tinyproxy.log"',
            "LogLevel Info",
            f'PidFile "{self.folder}/tinyproxy.pid"',
            "MaxClients 100",
            *(f'Upstream http {LOOPBACK}:{upstream_port} "{host}"' for host in upstream_hosts),
        ]
        self.config = self.folder / "tinyproxy.conf"
        self.config.write_text("\n".join(lines) + "\n")

    def command(self) -> list[str]:
        return ["tinyproxy", "-d", "-c", str(self.config)]
