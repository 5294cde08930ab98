"""part 4: on a terminal, one status line updated in place (pages, targets
checked and pending, dead, rate, time left); in cron and log files, periodic lines."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys

import pytest

from linkprospector.crawl.progress import CLEAR_LINE, eta_text, status_line, wants_status_line
from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.conftest import ROOT, TEST_SETTINGS, run_crawl
from tests.webs import page, ul

COUNTS = {"pages": 12, "scheduled": 340, "checked": 100, "dead": 7}


@pytest.mark.parametrize(
    ("pending", "rate", "text"),
    [
        (0, 5.0, "finishing"),
        (10, 0.0, "time left unknown"),
        (10, 4.0, "~2 s left"),
        (1, 100.0, "~1 s left"),
        (600, 2.0, "~5 min left"),
        (36_000, 2.0, "~5.0 h left"),
    ],
)
def test_time_left(pending, rate, text):
    assert eta_text(pending, rate) == text


def test_status_line_says_it_all_and_fits_the_terminal():
    line = status_line(COUNTS, 8.0)
    assert line == (
        "12 pages · 100/340 targets checked, 240 pending · 7 dead · 8.0 checks/s · ~30 s left"
    )
    assert len(status_line(COUNTS, 8.0, width=40)) == 40
    assert "\n" not in line


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("mode", "stream", "log_file", "wanted"),
    [
        ("auto", Tty(), None, True),
        ("auto", io.StringIO(), None, False),  # a pipe, cron
        ("auto", Tty(), "crawl.log", False),  # a log file
        ("on", io.StringIO(), None, True),
        ("off", Tty(), None, False),
    ],
)
def test_when_the_status_line_is_drawn(mode, stream, log_file, wanted):
    assert wants_status_line(mode, stream, log_file) is wanted


def slow_web() -> LocalWeb:
    targets = [(f"http://slow{i}.test/p", f"t{i}") for i in range(12)]
    sites = [
        Site("hub.test", routes={"/": page("Useful resources and links", ul(targets))}),
        *[Site(f"slow{i}.test", routes={"/p": Route(body="ok", delay=0.4)}) for i in range(12)],
    ]
    return LocalWeb(sites)


def crawl_on_a_terminal(tmp_path, web: LocalWeb) -> tuple[int, str]:
    hosts = tmp_path / "hosts.json"
    hosts.write_text(json.dumps(web.host_map))
    settings = {
        **TEST_SETTINGS,
        "LINKPROSPECTOR_DB": str(tmp_path / "crawl.db"),
        "LINKPROSPECTOR_HOST_MAP": str(hosts),
        "LINKPROSPECTOR_CHECK_TIMEOUT": "5",
        "CONCURRENT_REQUESTS": "2",
    }
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "resource_pages",
        "-a",
        "seeds=http://hub.test/",
    ]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"},
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_a_crawl_on_a_terminal_shows_one_updating_line(tmp_path):
    with slow_web() as web:
        code, output = crawl_on_a_terminal(tmp_path, web)
    assert code == 0, output[-3000:]
    shape = (
        r"\r\x1b\[2K(\d+ pages · \d+/\d+ targets checked, \d+ pending · \d+ dead · "
        r"[\d.]+ checks/s · [^\r\n\x1b]+)"
    )
    drawn = re.findall(shape, output)
    assert len(drawn) >= 2, output[-3000:]
    assert any("left" in line or "finishing" in line for line in drawn)
    assert "progress:" not in output  # the periodic lines are for logs, not terminals
    assert "finished (finished)" in output
    # a log record never lands after the status text on the same terminal line
    for line in output.replace("\r\n", "\n").split("\n")[:-1]:
        visible = line.rsplit(CLEAR_LINE, 1)[-1]
        assert "checks/s ·" not in visible, repr(line)


def test_in_a_pipe_or_log_the_periodic_lines_stay(tmp_path):
    with slow_web() as web:
        result = run_crawl(tmp_path, web, args={"seeds": "http://hub.test/"},
                           settings={"LINKPROSPECTOR_CHECK_TIMEOUT": "5"})  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "progress:" in result.stderr
    assert CLEAR_LINE not in result.stderr


def test_a_bad_mode_is_one_line(tmp_path):
    result = run_crawl(tmp_path, None, args={"seeds": "http://hub.test/"},
                       settings={"LINKPROSPECTOR_PROGRESS_LINE": "sometimes"})  # fmt: skip
    assert result.returncode != 0
    assert "LINKPROSPECTOR_PROGRESS_LINE must be one of auto, on, off" in result.stderr
    assert "Traceback" not in result.stderr
