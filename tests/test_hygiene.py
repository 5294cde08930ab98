"""Outreach hygiene: one pitch per owner, shared addresses tie domains together, the
do-not-contact list and the cool-down reach every domain of an owner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from linkprospector.judge.hygiene import Candidate, owners, plan_pitches

NOW = datetime(2026, 12, 3, 12, tzinfo=UTC)
CANDIDATES = [
    Candidate("http://a.test/links", "a.test", 80),
    Candidate("http://a.test/more", "a.test", 60),
    Candidate("http://www.a.test/x", "a.test", 70),
    Candidate("http://b.test/", "b.test", 75),
    Candidate("http://b-sister.test/", "b-sister.test", 90),
    Candidate("http://c.test/", "c.test", 50),
]
EMAILS = {
    "b.test": ["Owner@B.test"],
    "b-sister.test": ["owner@b.test", "info@b-sister.test"],
    "c.test": ["hello@c.test"],
}


def plan(**kwargs):
    args = {
        "candidates": CANDIDATES,
        "emails_by_site": EMAILS,
        "dnc_domains": (),
        "dnc_addresses": (),
        "last_pitched": {},
        "cooldown_days": 30,
        "now": NOW,
    }
    return plan_pitches(**{**args, **kwargs})


def test_owners_join_sites_sharing_an_address_transitively():
    found = owners({"x.test": ["a@x.test"], "y.test": ["A@x.test", "b@y.test"],
                    "z.test": ["b@y.test"], "q.test": ["q@q.test"]})  # fmt: skip
    assert found["x.test"] == found["y.test"] == found["z.test"] == "x.test"
    assert found["q.test"] == "q.test"


def test_one_pitch_per_owner_best_page_first_others_listed():
    result = plan()
    best = [p.best.url for p in result.pitches]
    assert best == ["http://b-sister.test/", "http://a.test/links", "http://c.test/"]
    sister = result.pitches[0]
    assert [o.url for o in sister.others] == ["http://b.test/"]
    assert sister.sites == ("b-sister.test", "b.test")
    assert sister.shared_emails == ("owner@b.test",)
    a = result.pitches[1]
    assert [o.url for o in a.others] == ["http://www.a.test/x", "http://a.test/more"]
    assert result.left_out == {}


def test_do_not_contact_by_domain_reaches_the_owners_other_domains():
    result = plan(dnc_domains=["b.test"])
    assert [p.best.site for p in result.pitches] == ["a.test", "c.test"]
    assert result.left_out == {
        "b.test": "do not contact: b.test",
        "b-sister.test": "do not contact: b.test",
    }


def test_do_not_contact_by_address():
    result = plan(dnc_addresses=["HELLO@c.test"])
    assert "c.test" not in {p.best.site for p in result.pitches}
    assert result.left_out == {"c.test": "do not contact: hello@c.test"}


def test_cool_down_reaches_the_owner_and_expires():
    recent = {"b.test": NOW - timedelta(days=3)}
    result = plan(last_pitched=recent)
    assert {p.best.site for p in result.pitches} == {"a.test", "c.test"}
    assert result.left_out["b-sister.test"].startswith("pitched b.test on 2026-11-30")
    old = {"b.test": NOW - timedelta(days=31)}
    assert len(plan(last_pitched=old).pitches) == 3
    assert len(plan(last_pitched=recent, cooldown_days=0).pitches) == 3
