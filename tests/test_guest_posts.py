"""Guest-post pages recognised from direct evidence on the page, in several
templates and languages, with look-alikes that are not."""

from __future__ import annotations

import lxml.html
import pytest

from linkprospector.reading.guest_posts import guest_post_verdict
from tests.guest_post_pages import PAGES


@pytest.mark.parametrize(("name", "html", "kind"), PAGES, ids=[p[0] for p in PAGES])
def test_guest_post_pages_and_look_alikes(name, html, kind):
    verdict = guest_post_verdict(lxml.html.fromstring(html))
    assert verdict.kind == kind, (name, verdict)
    if kind == "guest_post":
        assert verdict.score >= 0.5 and verdict.reasons
        assert any("invitation" in r for r in verdict.reasons)


def test_reasons_say_what_was_seen():
    from tests.guest_post_pages import WORDPRESS

    reasons = " | ".join(guest_post_verdict(lxml.html.fromstring(WORDPRESS)).reasons)
    assert "write for us" in reasons.lower()
    assert "word_count" in reasons and "original_content" in reasons and "author_bio" in reasons
    assert "email address" in reasons


def test_a_page_that_did_not_parse_is_not_a_guest_post():
    assert guest_post_verdict(None).kind is None
