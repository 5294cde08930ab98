"""What marks a block as no resource entry: citations, dates and teaching terms, profile
links (table tests over real-looking strings)."""

from __future__ import annotations

import time

import pytest

from linkprospector.reading.entry_marks import (
    count_citation_marks,
    count_dates,
    is_citation,
    is_profile_link,
    names_owner,
    owner_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A. Einstein, B. Podolsky, and N. Rosen. Can quantum-mechanical description... "
            "Phys. Rev. 47, 1935.",
            True,
        ),  # fmt: skip
        ("Malhotra, B., Arya, S. Learning to Condition. In Proceedings of NeurIPS, 2025", True),
        ("Van Assel et al. A probabilistic graph coupling view. arXiv 2022", True),
        ("J. Doe, A. Smith (2020). Soil carbon. Garden Science 12:3-4.", True),
        ("Doe J, Smith A. Raised beds and soil carbon. Hortic Res. 2019;4:12.", True),
        ("Daring Fireball – John Gruber's blog about Apple, since 2002", False),
        ("Tecnología de Invernaderos (2011)", False),
        ("Journal of Garden History – a magazine about old gardens", False),  # no year
        ("Kew Gardens – the Royal Botanic Gardens, open to visitors since 1940", False),
        ("", False),
    ],
)
def test_is_citation(text, expected):
    assert is_citation(text) is expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("2024-05-03 Our paper was accepted", 1),
        ("03.05.2024 und 4/5/2024", 2),
        ("May 3, 2024 — 3 May 2024 — 2 December, 2025", 3),
        ("2024年5月3日に公開", 1),
        ("Fall 2023, Spring 2024, WS 2023/24, Sommersemester 2024", 4),
        ("Founded in 1998; 12 members; version 2.0", 0),
    ],
)
def test_count_dates(text, count):
    assert count_dates(text) == count


@pytest.mark.parametrize(
    ("href", "site", "expected"),
    [
        ("https://github.com/janedoe", "github.com", True),
        ("https://github.com/janedoe/garden-planner", "github.com", False),  # a repository
        ("https://www.linkedin.com/in/janedoe/", "linkedin.com", True),
        ("https://scholar.google.com/citations?user=abc", "google.com", True),
        ("https://www.google.com/search?q=x", "google.com", False),
        ("https://twitter.com/janedoe", "twitter.com", True),
        ("https://janedoe.blog/", "janedoe.blog", False),
    ],
)
def test_is_profile_link(href, site, expected):
    assert is_profile_link(href, site) is expected


@pytest.mark.parametrize(
    ("href", "site", "expected"),
    [
        ("https://d7tun6.bandcamp.com", "d7tun6.site", True),  # a host label
        ("https://soundcloud.com/d7tun6", "d7tun6.site", True),  # a path segment
        ("https://www.youtube.com/@D7TUN6", "d7tun6.site", True),  # a handle
        ("https://t.me/d7tun6chnl", "d7tun6.site", False),  # a longer word: not the name
        ("https://friend.example/blog/", "d7tun6.site", False),
        ("https://cblte.net/", "cblte.github.io", True),
        ("https://abc.example/", "abc.org", False),  # too short a name to tell
        # the name as a word inside another site's path or host: someone else's page
        ("https://www.thespruce.com/garden-ideas", "garden.org", False),
        ("http://jsonlive0.test/fetch_template_literal", "fetch.test", False),
        ("https://gardenclub.example/", "garden.org", False),
    ],
)
def test_a_link_naming_the_site_is_its_owners_account(href, site, expected):
    assert names_owner(href, owner_name(site)) is expected


def test_citation_marks_count_the_fewer_of_years_and_venues():
    assert count_citation_marks("Proc. 2020; Journal 2021; 2022; 2023") == 2


@pytest.mark.parametrize(
    "text",
    ["1" * 500_000, "May " * 200_000, "Fall " * 200_000, "a" * 500_000 + "semester 2024"],
)
def test_marks_take_linear_time(text):
    start = time.perf_counter()
    count_dates(text), count_citation_marks(text), is_citation(text[:400])
    names_owner("https://" + text.replace(" ", "/"), "names")
    assert time.perf_counter() - start < 2.0
