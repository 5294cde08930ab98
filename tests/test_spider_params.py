"""Spider arguments as typed, frozen values (spiders/params.py): parsed once by the
preflight, handed to the spider, the same one-line errors as before."""

from __future__ import annotations

import dataclasses

import pytest
from scrapy.settings import Settings

from linkprospector.crawl.preflight import preflight
from linkprospector.inputs.spider_args import ArgumentError, parse_count, parse_positive_int
from spiders.backlinks import BacklinksSpider
from spiders.competitors import CompetitorsSpider
from spiders.my_site import MySiteSpider
from spiders.params import (
    BacklinksParams,
    CompetitorsParams,
    CrawlParams,
    MySiteParams,
    ResourcePagesParams,
)
from spiders.resource_pages import ResourcePagesSpider


@pytest.mark.parametrize(
    "name, value, minimum, expected",
    [
        ("depth", "0", 0, 0),  # the seed pages only
        ("depth", " 7 ", 0, 7),
        ("depth", None, 0, 3),  # the default
        ("depth", "", 0, 3),
        ("max_pages", "1", 1, 1),
        ("search_depth", "2", 1, 2),
    ],
)
def test_counts(name, value, minimum, expected):
    assert parse_count(name, value, 3, minimum) == expected


@pytest.mark.parametrize(
    "name, value, minimum, message",
    [
        ("depth", "-1", 0, "depth must be 0 or more"),
        ("depth", "two", 0, "depth must be a whole number, got 'two'"),
        ("max_pages", "0", 1, "max_pages must be positive"),
        ("search_depth", "0", 1, "search_depth must be positive"),  # not 0, whatever its name
        ("max_pages", "1.5", 1, "max_pages must be a whole number, got '1.5'"),
    ],
)
def test_bad_counts(name, value, minimum, message):
    with pytest.raises(ArgumentError) as caught:
        parse_count(name, value, 3, minimum)
    assert str(caught.value) == message


def test_positive_int_refuses_zero_even_for_a_depth():
    with pytest.raises(ArgumentError, match="depth must be positive"):
        parse_positive_int("depth", "0", 3)


@pytest.mark.parametrize(
    "spidercls, args, kind, fields",
    [
        (ResourcePagesSpider, {"seeds": "http://a.test/", "depth": "0"}, ResourcePagesParams,
         {"depth": 0, "max_pages": 300, "keywords": ()}),
        (ResourcePagesSpider, {"keywords": "home brewing, kombucha", "max_pages": "5"},
         ResourcePagesParams, {"keywords": ("home brewing", "kombucha"), "max_pages": 5}),
        (CompetitorsSpider, {"domains": "rival.test"}, CompetitorsParams,
         {"max_pages": 2000, "depth": 50, "render": "auto"}),
    ],
)  # fmt: skip
def test_each_spider_parses_into_its_frozen_params(spidercls, args, kind, fields):
    params = spidercls.parse_arguments(**args)
    assert type(params) is kind and isinstance(params, CrawlParams)
    assert {k: getattr(params, k) for k in fields} == fields
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.depth = 9


def test_the_preflight_parses_once_and_the_spider_takes_what_it_parsed(tmp_path, monkeypatch):
    """The backlinks export is checked by the preflight only (its layout and first rows);
    the spider is handed the site and the file, which it imports, streamed, at start."""
    links = tmp_path / "links.txt"
    links.write_text("http://blog.test/post\nhttp://news.test/item\n", encoding="utf-8")
    settings = Settings({"LINKPROSPECTOR_DB": str(tmp_path / "p.db")})
    checked = preflight(BacklinksSpider, {"site": "mysite.test", "links": str(links)}, settings)
    assert checked.problem is None and checked.params == BacklinksParams("mysite.test", links)

    def checked_again(*args):
        raise AssertionError("the spider checked the export again")

    monkeypatch.setattr("spiders.backlinks.check_export", checked_again)
    spider = BacklinksSpider(site="mysite.test", links=str(links), **checked.spider_kwargs)
    assert (spider.domain, spider.links) == ("mysite.test", links)


def test_a_bad_argument_is_the_preflights_one_line(tmp_path):
    settings = Settings({"LINKPROSPECTOR_DB": str(tmp_path / "p.db")})
    checked = preflight(ResourcePagesSpider, {"seeds": "http://a.test/", "depth": "-2"}, settings)
    assert checked.problem == "depth must be 0 or more"
    assert checked.params is None and checked.spider_kwargs == {}


@pytest.mark.parametrize(
    "spidercls, args, expected",
    [
        (ResourcePagesSpider, {"seeds": "http://a.test/"}, MySiteParams(None, 300)),
        (ResourcePagesSpider, {"seeds": "http://a.test/", "mysite": "mine.test",
                               "mysite_pages": "20"}, MySiteParams("https://mine.test/", 20)),
        (MySiteSpider, {"site": "http://mine.test/blog/"},
         MySiteParams("http://mine.test/blog/", 300)),
    ],
)  # fmt: skip
def test_your_site_is_parsed_into_the_params(spidercls, args, expected):
    params = spidercls.parse_arguments(**args)
    assert (params if spidercls is MySiteSpider else params.my_site) == expected


@pytest.mark.parametrize(
    "spidercls, args, problem",
    [
        (ResourcePagesSpider, {"seeds": "http://a.test/", "mysite": "not a site"},
         "mysite must be your site's URL (https://example.com/), got 'not a site'"),
        (ResourcePagesSpider, {"seeds": "http://a.test/", "mysite": "mine.test",
                               "mysite_pages": "0"}, "mysite_pages must be positive"),
        (MySiteSpider, {}, "missing site: use -a site=https://your-site.example/"),
    ],
)  # fmt: skip
def test_a_bad_site_argument_is_the_preflights_one_line(tmp_path, spidercls, args, problem):
    settings = Settings({"LINKPROSPECTOR_DB": str(tmp_path / "p.db")})
    checked = preflight(spidercls, args, settings)
    assert checked.problem == problem and checked.params is None


def test_the_spider_reads_your_site_from_the_params_it_is_handed():
    params = ResourcePagesSpider.parse_arguments(seeds="http://a.test/", mysite="mine.test")
    spider = ResourcePagesSpider(params=params)
    assert (spider.my_site_url, spider.my_site, spider.my_site_cap) == (
        "https://mine.test/", "mine.test", 300,
    )  # fmt: skip
