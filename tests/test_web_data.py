"""The sample webs are data: TOML manifests and HTML files, loaded with
importlib.resources, shipped as package data."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from linkprospector.demo.sampleweb import TARGETS, demo_sites
from linkprospector.demo.web_data import load_web
from linkprospector.demo.web_model import Route
from linkprospector.reading.urls import host_of
from tests.conftest import ROOT


@pytest.mark.parametrize("name", ["gardening", "competitors"])
def test_every_file_a_manifest_names_is_there_and_every_file_is_named(name):
    folder = resources.files("linkprospector.demo").joinpath("webs", name)
    data = tomllib.loads(folder.joinpath("web.toml").read_text(encoding="utf-8"))
    named = {r["file"] for s in data["site"] for r in s.get("route", []) if "file" in r}
    named |= {s["robots"] for s in data["site"] if "robots" in s}
    wayback = folder.joinpath("wayback.toml")
    if wayback.is_file():  # the Wayback stand-in's captures
        named |= {c["file"] for c in tomllib.loads(wayback.read_text(encoding="utf-8"))["capture"]}
    on_disk = {
        str(p.relative_to(ROOT / "linkprospector/demo/webs" / name))
        for p in (ROOT / "linkprospector/demo/webs" / name).rglob("*")
        if p.is_file() and p.suffix != ".toml"
    }
    assert named == on_disk
    sites, _ = load_web(name)
    assert sites and all(isinstance(r, Route) for s in sites for r in s.routes.values())


def test_every_expected_target_is_served_or_fails_on_purpose():
    sites, options = demo_sites()
    hosts = {h for s in sites for h in s.hostnames}
    failing = {*options["refused_hosts"], *options["blackhole_hosts"], *options["nxdomain_hosts"]}
    assert len(TARGETS) >= 25
    assert {host_of(t.url) for t in TARGETS} <= hosts | failing


def test_no_html_inside_the_demo_python():
    for path in (ROOT / "linkprospector/demo").glob("*.py"):
        assert path.read_text(encoding="utf-8").count("<p>") < 3, path
