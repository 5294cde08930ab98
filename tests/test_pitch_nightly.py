"""Pitches in the nightly config: ``[site]`` adds the crawl of the user's site, ``[pitch]``
runs the Wayback lookups (resumed each night), the ranking and the won-link check after
the crawls, with the user's template in the report; bad tables are one line, exit 2."""

from __future__ import annotations

import pytest

from linkprospector.demo.localweb import LocalWeb
from linkprospector.demo.wayback_standin import HOST
from tests.demo_db import cli, nightly_config
from tests.pitch_web import SEEDS, pitch_archive, pitch_sites

TEMPLATE = "Subject: {anchor}\n\n{greeting}\nA page of mine fits: {replacement_url}\n"


def tables(seeds: list[str], site: str, pitch: str = 'template = "pitch.txt"') -> str:
    return (
        f'db = "niche.db"\nlog_dir = "logs"\n\n[crawl]\nseeds = {seeds!r}\n\n'
        f'[site]\nurl = "{site}"\n\n[pitch]\n{pitch}\n'
    ).replace("'", '"')


@pytest.fixture(scope="module")
def web():
    archive = pitch_archive()
    with LocalWeb([*pitch_sites(), archive.site()], refused_hosts=["down.test"]) as running:
        yield running, archive


def config(folder, web, text: str):
    (folder / "pitch.txt").write_text(TEMPLATE, encoding="utf-8")
    path = nightly_config(folder, web, text)
    path.write_text(
        path.read_text(encoding="utf-8")
        + f'LINKPROSPECTOR_WAYBACK_URL = "http://{HOST}"\nLINKPROSPECTOR_WAYBACK_DELAY = 0\n',
        encoding="utf-8",
    )
    return path


def test_a_night_with_site_and_pitch(web, tmp_path):
    running, archive = web
    path = config(tmp_path, running, tables(SEEDS, "http://mine.test/"))
    proc = cli("nightly", "--config", str(path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[site] my_site: run " in proc.stdout
    assert "[pitch] wayback: 2 capture(s) found, 3 dead page(s) with no capture" in proc.stdout
    assert "[pitch] dead URLs with a good replacement on your site: 4, without: 1" in proc.stdout
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "A page of mine fits: http://mine.test/aphids/" in report  # the user's template
    assert report.count('<pre class="pitch"') == 4
    asked = len(archive.asked)
    again = cli("nightly", "--config", str(path), cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "[pitch] wayback: 0 capture(s) found, 0 dead page(s)" in again.stdout
    assert len(archive.asked) == asked  # nothing is looked up twice


def test_an_unreachable_site_makes_the_night_unclean(web, tmp_path):
    running, _ = web
    path = config(tmp_path, running, tables(SEEDS[:1], "http://down.test/", "wayback = false"))
    proc = cli("nightly", "--config", str(path), cwd=tmp_path)
    assert proc.returncode == 1
    assert "[site] your site http://down.test/ cannot be reached (refused)" in proc.stdout
    assert "[pitch] wayback: skipped ([pitch] wayback = false)" in proc.stdout


@pytest.mark.parametrize(
    ("pitch", "site", "message"),
    [
        ('template = "bad.txt"', "http://mine.test/", "[pitch] unknown placeholder {name}"),
        ('template = "missing.txt"', "http://mine.test/", "cannot read the pitch template"),
        ("wayback = 1", "http://mine.test/", "[pitch] wayback must be true or false"),
        ("colour = 1", "http://mine.test/", "unknown key(s) in [pitch]: colour"),
        ("", "not a site", "[site] url must be your site's URL"),
    ],
)
def test_bad_tables_are_one_line_and_exit_2(web, tmp_path, pitch, site, message):
    running, _ = web
    (tmp_path / "bad.txt").write_text("Dear {name}\n", encoding="utf-8")
    path = config(tmp_path, running, tables(SEEDS[:1], site, pitch))
    proc = cli("nightly", "--config", str(path), cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
