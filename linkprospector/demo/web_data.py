"""Sample webs kept as data: ``webs/<name>/web.toml`` lists the sites
and their routes; page bodies are HTML files beside it. Loaded with importlib.resources,
so they ship as package data and the demo works from an installed package."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from linkprospector.demo.web_model import Route, Site

DEFAULT_ROUTE = "*"  # the path of a site's answer for every path it has no route for


def load_web(name: str) -> tuple[list[Site], dict[str, Any]]:
    """The sites of sample web ``name`` and the keyword arguments for ``LocalWeb``."""
    folder = resources.files("linkprospector.demo").joinpath("webs", name)
    data = tomllib.loads(folder.joinpath("web.toml").read_text(encoding="utf-8"))
    sites = []
    for entry in data.get("site", []):
        routes: dict[str, Route | str | bytes] = {}
        default = None
        for spec in entry.get("route", []):
            fields = {k: v for k, v in spec.items() if k not in ("path", "file")}
            if "file" in spec:
                fields["body"] = folder.joinpath(spec["file"]).read_text(encoding="utf-8")
            route = Route(**fields)
            if spec["path"] == DEFAULT_ROUTE:
                default = route
            else:
                routes[spec["path"]] = route
        robots = entry.get("robots")
        sites.append(
            Site(
                entry["host"],
                routes=routes,
                default=default,
                robots=folder.joinpath(robots).read_text(encoding="utf-8") if robots else None,
                aliases=list(entry.get("aliases", [])),
            )
        )
    return sites, {k: v for k, v in data.items() if k != "site"}
