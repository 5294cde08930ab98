import pytest

from linkprospector.reading.contact_pages import ContactPagePlanner
from linkprospector.reading.contacts import Contact


def c(kind: str, url: str) -> Contact:
    return Contact(kind, url)


def test_contact_pages_first_within_budget_and_once():
    planner = ContactPagePlanner(per_site=3)
    planner.saw_page(
        "a.test",
        "http://a.test/links/",
        [
            c("about_page", "http://a.test/about"),
            c("contact_page", "http://a.test/contact-us"),
            c("contact_page", "http://a.test/impressum"),
            c("about_page", "http://a.test/team"),
            c("email", "x@a.test"),
        ],
        qualifies=True,
    )
    assert planner.next_urls() == [
        ("a.test", "http://a.test/impressum"),
        ("a.test", "http://a.test/contact-us"),
        ("a.test", "http://a.test/team"),  # shorter URLs first within a kind
    ]
    assert planner.next_urls() == []


def test_already_fetched_pages_are_not_fetched_again():
    planner = ContactPagePlanner()
    planner.saw_page("a.test", "http://a.test/contact", [], qualifies=False)
    planner.saw_page("a.test", "http://a.test/", [c("contact_page", "http://a.test/contact")], True)
    assert planner.next_urls() == []


def test_home_page_first_when_no_contact_page_is_known_then_its_links():
    planner = ContactPagePlanner(per_site=3)
    planner.saw_page("b.test", "https://www.b.test/r/links.html", [], qualifies=True)
    assert planner.next_urls() == [("b.test", "https://www.b.test/")]
    found = [c("contact_page", f"https://www.b.test/contact{i}") for i in range(5)]
    planner.saw_page("b.test", "https://www.b.test/", found, qualifies=False)
    assert planner.next_urls() == [
        ("b.test", "https://www.b.test/contact0"),
        ("b.test", "https://www.b.test/contact1"),
    ]
    assert planner.next_urls() == []


@pytest.mark.parametrize("qualifies", [False])
def test_sites_not_worth_writing_to_are_left_alone(qualifies):
    planner = ContactPagePlanner()
    planner.saw_page("q.test", "http://q.test/", [c("contact_page", "http://q.test/c")], qualifies)
    assert planner.next_urls() == []
