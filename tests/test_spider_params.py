"""Spider arguments as typed, frozen values (spiders/params.py): parsed once by the
preflight, handed to the spider, the same one-line errors as before."""

from __future__ import annotations

import dataclasses

import pytest
from scrapy.settings import Settings

from linkprospector.crawl.preflight import preflight
from linkprospector.reading.spider_args import ArgumentError, parse_count, parse_positive_int
from spiders.backlinks import BacklinksSpider
from spiders.competitors import CompetitorsSpider
from spiders.params import BacklinksParams, CompetitorsParams, CrawlParams, ResourcePagesParams
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


def test_the_preflight_parses_once_and_the_spider_takes_what_it_parsed(tmp_path):
    """The backlinks file is read by the preflight only: the spider is handed its rows."""
    links = tmp_path / "links.txt"
    links.write_text("http://blog.test/post\nhttp://news.test/item\n", encoding="utf-8")
    settings = Settings({"LINKPROSPECTOR_DB": str(tmp_path / "p.db")})
    checked = preflight(BacklinksSpider, {"site": "mysite.test", "links": str(links)}, settings)
    assert checked.problem is None and isinstance(checked.params, BacklinksParams)
    links.unlink()  # a second read would fail now
    spider = BacklinksSpider(site="mysite.test", links=str(links), **checked.spider_kwargs)
    assert spider.domain == "mysite.test"
    assert sorted(spider.expected) == ["http://blog.test/post", "http://news.test/item"]


def test_a_bad_argument_is_the_preflights_one_line(tmp_path):
    settings = Settings({"LINKPROSPECTOR_DB": str(tmp_path / "p.db")})
    checked = preflight(ResourcePagesSpider, {"seeds": "http://a.test/", "depth": "-2"}, settings)
    assert checked.problem == "depth must be 0 or more"
    assert checked.params is None and checked.spider_kwargs == {}
