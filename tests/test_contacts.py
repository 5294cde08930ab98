import json
from urllib.parse import urlsplit

import lxml.html
import pytest

from linkprospector.reading.contacts import (
    Contact,
    extract_contacts,
    looks_like_contact_url,
    pick_best_contact,
    social_profile,
)
from linkprospector.reading.emails import clean_email, decode_cfemail, email_label

PAGE_URL = "https://www.garden.test/blog/balcony-tomatoes/"
PAGE_SITE = "garden.test"


def site_of(url: str) -> str:
    """Stand-in for linkprospector.reading.urls.site_of: the host without www."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def cf_encode(email: str, key: int) -> str:
    """Cloudflare's scheme: hex of the key byte, then each byte XOR the key."""
    return f"{key:02x}" + "".join(f"{byte ^ key:02x}" for byte in email.encode())


def json_ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def contacts(body: str, head: str = "", kind: str | None = None) -> list:
    html = f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"
    found = extract_contacts(html, PAGE_URL, PAGE_SITE, site_of=site_of)
    return [c.value for c in found if c.kind == kind] if kind else found


@pytest.mark.parametrize(
    ("body", "head", "expected"),
    [
        pytest.param(
            '<a href="mailto:hello@garden.test">Mail us</a>', "", ["hello@garden.test"], id="mailto"
        ),
        pytest.param(
            '<a href="MAILTO:Jane.Doe@Garden.TEST?subject=Your%20site&body=Hi">Jane</a>',
            "",
            ["jane.doe@garden.test"],
            id="mailto-query-case",
        ),
        pytest.param(
            '<a href="mailto:%20ann@garden.test,bob@garden.test">Both</a>',
            "",
            ["ann@garden.test", "bob@garden.test"],
            id="mailto-encoded-space-two-addresses",
        ),
        pytest.param(
            "<p>Questions? Email editor@garden.test.</p><p>(Or press@garden.test)</p>",
            "",
            ["editor@garden.test", "press@garden.test"],
            id="plain-text-trailing-punctuation",
        ),
        pytest.param(
            "<p><span>jane</span>@<span>garden.test</span></p>",
            "",
            ["jane@garden.test"],
            id="inline-spans",
        ),
        pytest.param(
            "<dl><dt>Contact</dt><dd>info@garden.test</dd></dl>",
            "",
            ["info@garden.test"],
            id="blocks-kept-apart",
        ),
        pytest.param(
            "<p>Write to jane [at] garden [dot] test</p>", "", ["jane@garden.test"], id="brackets"
        ),
        pytest.param(
            "<p>Mail: jane(at)garden.test</p>", "", ["jane@garden.test"], id="parens-literal-dot"
        ),
        pytest.param(
            "<p>jane {at} garden {dot} co {dot} uk</p>", "", ["jane@garden.co.uk"], id="braces"
        ),
        pytest.param(
            "<p>JANE [AT] GARDEN [DOT] TEST</p>", "", ["jane@garden.test"], id="upper-case"
        ),
        pytest.param(
            "<p>Write to john dot smith at garden dot test please</p>",
            "",
            ["john.smith@garden.test"],
            id="spelled-out-words",
        ),
        pytest.param(
            "<p>Look at garden.test. See us at garden dot test. We met at the park dot fair.</p>",
            "",
            [],
            id="prose-at-is-not-an-address",
        ),
        pytest.param(
            f'<a href="/cdn-cgi/l/email-protection#{cf_encode("editor@garden.test", 0x5A)}">'
            "[email&#160;protected]</a>",
            "",
            ["editor@garden.test"],
            id="cloudflare-href",
        ),
        pytest.param(
            f'<span class="__cf_email__" data-cfemail="{cf_encode("sam@garden.test", 0x13)}">'
            "[email&#160;protected]</span>",
            "",
            ["sam@garden.test"],
            id="cloudflare-data-cfemail",
        ),
        pytest.param(
            '<span data-cfemail="zz12">x</span><a href="/cdn-cgi/l/email-protection#">y</a>',
            "",
            [],
            id="cloudflare-garbage",
        ),
        pytest.param(
            "",
            json_ld(
                {
                    "@context": "https://schema.org",
                    "@type": "Organization",
                    "email": "mailto:Office@Garden.test",
                    "contactPoint": {"@type": "ContactPoint", "email": "support@garden.test"},
                }
            ),
            ["office@garden.test", "support@garden.test"],
            id="json-ld-organization-contactpoint",
        ),
        pytest.param(
            "",
            json_ld(
                {
                    "@graph": [
                        {"@type": "WebPage", "name": "Tomatoes"},
                        {"@type": "Person", "name": "Ann", "email": ["ann@garden.test"]},
                    ]
                }
            )
            + json_ld([{"@type": "Organization", "contactPoint": [{"email": "team@garden.test"}]}]),
            ["ann@garden.test", "team@garden.test"],
            id="json-ld-graph-and-lists",
        ),
        pytest.param(
            "",
            '<script type="application/ld+json">{"email": "broken@garden.test",</script>',
            [],
            id="json-ld-invalid",
        ),
        pytest.param(
            '<script>var dev = "dev@garden.test";</script><style>/* x@garden.test */</style>',
            "",
            [],
            id="script-and-style-not-text",
        ),
        pytest.param(
            '<a href="mailto:hello@garden.test">hello@garden.test</a> hello@garden.test',
            "",
            ["hello@garden.test"],
            id="deduplicated",
        ),
        pytest.param(
            "<p>logo@2x.png icon@3x.jpg sprite@2x.webp user@example.com info@example.org "
            "you@yourdomain.com name@domain.com me@email.com noreply@garden.test "
            "0123456789abcdef0123456789abcdef@sentry.io 9f8e7d@o123.ingest.sentry.io "
            "abc123@sentry.wixpress.com abc@sentry-next.wixpress.com foo@bar.con foo@host.local "
            "a@b.c jane@@garden.test</p>",
            "",
            [],
            id="junk",
        ),
    ],
)
def test_emails(body, head, expected):
    assert contacts(body, head, kind="email") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Info@Garden.test", "info@garden.test"),
        ("mailto:ann@garden.co.uk", "ann@garden.co.uk"),
        ("<ann@garden.test>;", "ann@garden.test"),
        ("'ann@garden.test',", "ann@garden.test"),
        ("ann%40garden.test", "ann@garden.test"),
        ("first.last+tag@garden.photography", "first.last+tag@garden.photography"),
        ("ann@xn--grten-jua.test", "ann@xn--grten-jua.test"),
        ("logo@2x.png", None),
        ("hero@garden.test.jpg", None),
        ("bundle@1.2.3.js", None),
        ("user@example.com", None),
        ("someone@mail.example.net", None),
        ("info@yourdomain.co.uk", None),
        ("yourname@gmail.com", None),
        ("d2c9a1b8e0f74a5c9b3e6f1a2d4c8e7b@sentry.io", None),
        ("d2c9a1b8e0f74a5c9b3e6f1a2d4c8e7b@garden.test", None),
        ("report@o447951.ingest.sentry.io", None),
        ("ann@garden.invalidtld", None),
        ("ann@co.uk", None),
        ("ann..b@garden.test", None),
        ("no at sign", None),
        ("", None),
    ],
)
def test_clean_email(raw, expected):
    assert clean_email(raw) == expected


@pytest.mark.parametrize(
    ("email", "label"),
    [
        ("info@garden.test", "generic"),
        ("hello@garden.test", "generic"),
        ("editors@garden.test", "generic"),
        ("enquiries@garden.test", "generic"),
        ("press.office@garden.test", "generic"),
        ("support+web@garden.test", "generic"),
        ("partnerships@garden.test", "generic"),
        ("jane@garden.test", "personal"),
        ("jane.smith@garden.test", "personal"),
        ("j.smith@gmail.com", "personal"),
        ("information-jane@garden.test", "personal"),
    ],
)
def test_email_label(email, label):
    assert email_label(email) == label


@pytest.mark.parametrize(
    ("email", "key"),
    [("editor@garden.test", 0x5A), ("ann@garden.test", 0x00), ("zoë@garden.test", 0xFF)],
)
def test_decode_cfemail_round_trip(email, key):
    assert decode_cfemail(cf_encode(email, key)) == email


@pytest.mark.parametrize("encoded", ["", "5a", "zz", "5a0"])
def test_decode_cfemail_garbage(encoded):
    assert decode_cfemail(encoded) is None


@pytest.mark.parametrize(
    ("url", "anchor", "expected"),
    [
        ("https://garden.test/contact/", "", "contact_page"),
        ("https://garden.test/contact-us.html", "", "contact_page"),
        ("https://garden.test/pages/Contact_Us", "", "contact_page"),
        ("https://garden.test/write-for-us/", "", "contact_page"),
        ("https://garden.test/de/kontakt", "", "contact_page"),
        ("https://garden.test/es/contacto/", "", "contact_page"),
        ("https://garden.test/impressum", "", "contact_page"),
        ("https://garden.test/about/contact/", "", "contact_page"),
        ("https://garden.test/page?id=7", "Get in touch", "contact_page"),
        ("https://garden.test/p/12", "Contact us →", "contact_page"),
        ("https://garden.test/p/12", "Contáctenos", "contact_page"),
        ("https://garden.test/about/", "", "about_page"),
        ("https://garden.test/about-us/", "", "about_page"),
        ("https://garden.test/about/team", "", "about_page"),
        ("https://garden.test/%C3%BCber-uns/", "", "about_page"),
        ("https://garden.test/fr/a-propos", "", "about_page"),
        ("https://garden.test/p/3", "À propos", "about_page"),
        ("https://garden.test/p/3", "Meet the team", "about_page"),
        ("https://garden.test/blog/about-tomatoes/", "", None),
        ("https://garden.test/blog/contact-lenses-review/", "", None),
        ("https://garden.test/blog/tomatoes/", "Read more about tomatoes", None),
        ("https://garden.test/", "Home", None),
    ],
)
def test_looks_like_contact_url(url, anchor, expected):
    assert looks_like_contact_url(url, anchor) == expected


def test_contact_and_about_pages():
    body = (
        '<nav><a href="/about/">About</a> <a href="/contact-us/#form">Contact</a>'
        '<a href="https://garden.test/team">Team</a>'
        '<a href="https://partner.test/contact/">Partner contact</a>'
        '<a href="mailto:hi@garden.test">Contact</a>'
        '<a href="/blog/about-tomatoes/">About tomatoes</a>'
        '<a href="/contact-us/">Contact us</a></nav>'
    )
    assert [(c.kind, c.value) for c in contacts(body) if c.kind.endswith("_page")] == [
        ("contact_page", "https://www.garden.test/contact-us/"),
        ("about_page", "https://www.garden.test/about/"),
        ("about_page", "https://garden.test/team"),
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://twitter.com/GardenClub", ("twitter", "https://twitter.com/GardenClub")),
        ("https://x.com/gardenclub?lang=en", ("twitter", "https://x.com/gardenclub")),
        ("https://mobile.twitter.com/gardenclub/", ("twitter", "https://twitter.com/gardenclub")),
        (
            "https://www.linkedin.com/in/jane-smith/",
            ("linkedin", "https://linkedin.com/in/jane-smith"),
        ),
        (
            "https://uk.linkedin.com/company/garden-club",
            ("linkedin", "https://linkedin.com/company/garden-club"),
        ),
        ("https://www.facebook.com/GardenClub/", ("facebook", "https://facebook.com/GardenClub")),
        (
            "https://m.facebook.com/profile.php?id=1234",
            ("facebook", "https://facebook.com/profile.php?id=1234"),
        ),
        ("https://mastodon.social/@garden", ("mastodon", "https://mastodon.social/@garden")),
        ("https://fosstodon.org/@ann", ("mastodon", "https://fosstodon.org/@ann")),
        (
            "https://www.instagram.com/gardenclub/",
            ("instagram", "https://instagram.com/gardenclub"),
        ),
        ("https://www.youtube.com/@gardenclub", ("youtube", "https://youtube.com/@gardenclub")),
        (
            "https://www.youtube.com/channel/UC123/videos",
            ("youtube", "https://youtube.com/channel/UC123"),
        ),
        ("https://github.com/gardenclub", ("github", "https://github.com/gardenclub")),
        (
            "https://bsky.app/profile/garden.test",
            ("bluesky", "https://bsky.app/profile/garden.test"),
        ),
        ("https://twitter.com/intent/tweet?text=Tomatoes", None),
        ("https://x.com/share?url=https://garden.test/", None),
        ("https://www.facebook.com/sharer.php?u=https://garden.test/", None),
        ("https://www.facebook.com/sharer/sharer.php?u=x", None),
        ("https://www.linkedin.com/shareArticle?mini=true&url=x", None),
        ("https://www.linkedin.com/sharing/share-offsite/?url=x", None),
        ("https://bsky.app/intent/compose?text=x", None),
        ("https://twitter.com/gardenclub/status/123", None),
        ("https://twitter.com/search?q=garden", None),
        ("https://www.instagram.com/p/Cx1/", None),
        ("https://www.youtube.com/watch?v=abc", None),
        ("https://github.com/scrapy/scrapy", None),
        ("https://medium.com/@ann", None),
        ("https://garden.test/blog/", None),
        ("https://twitter.com/", None),
    ],
)
def test_social_profile(url, expected):
    assert social_profile(url) == expected


def test_social_contacts_from_page():
    body = (
        '<footer><a href="https://twitter.com/gardenclub">Twitter</a>'
        '<a href="https://twitter.com/intent/tweet?text=x">Tweet this</a>'
        '<a href="https://www.linkedin.com/company/garden-club/">LinkedIn</a>'
        '<a href="https://twitter.com/gardenclub">again</a></footer>'
    )
    assert [c for c in contacts(body) if c.kind == "social"] == [
        Contact("social", "https://twitter.com/gardenclub", "twitter"),
        Contact("social", "https://linkedin.com/company/garden-club", "linkedin"),
    ]


@pytest.mark.parametrize(
    ("body", "head", "expected"),
    [
        pytest.param("", '<meta name="author" content="Jane Smith">', ["Jane Smith"], id="meta"),
        pytest.param(
            '<a rel="author" href="/author/jane">Jane Smith</a>',
            "",
            ["Jane Smith"],
            id="rel-author",
        ),
        pytest.param(
            "",
            json_ld({"@type": "Article", "author": {"@type": "Person", "name": "Ann Lee"}}),
            ["Ann Lee"],
            id="json-ld-person",
        ),
        pytest.param(
            "",
            json_ld({"@type": "Article", "author": ["Ann Lee", {"name": "Bo Chan"}, {"url": "x"}]}),
            ["Ann Lee", "Bo Chan"],
            id="json-ld-list",
        ),
        pytest.param(
            '<p class="byline">By <span class="author vcard">'
            '<a href="/a/j">Jane Smith</a></span></p>',
            "",
            ["Jane Smith"],
            id="class-author",
        ),
        pytest.param(
            '<div itemprop="author" itemscope><img src="j.jpg"><span itemprop="name">Jane</span>'
            "<p>Jane has grown tomatoes on her balcony for twenty years and writes.</p></div>",
            "",
            ["Jane"],
            id="itemprop-author-name",
        ),
        pytest.param(
            '<span class="author">by Jane Smith</span>', "", ["Jane Smith"], id="by-prefix"
        ),
        pytest.param(
            '<div class="author">Jane has grown tomatoes on her balcony for twenty years.</div>'
            '<span class="author">admin</span><span class="comment-author">Troll</span>',
            "",
            [],
            id="bio-admin-and-comment-author-ignored",
        ),
    ],
)
def test_authors(body, head, expected):
    assert contacts(body, head, kind="author") == expected


def test_full_page_order_and_labels():
    html = (
        "<html><head><meta name='author' content='Jane Smith'></head><body>"
        "<nav><a href='/contact/'>Contact</a><a href='/about/'>About</a></nav>"
        "<p>Email info@garden.test or jane [at] garden [dot] test.</p>"
        "<footer><a href='https://github.com/gardenclub'>GitHub</a></footer></body></html>"
    )
    root = lxml.html.document_fromstring(html)
    expected = [
        Contact("email", "info@garden.test", "generic"),
        Contact("email", "jane@garden.test", "personal"),
        Contact("contact_page", "https://www.garden.test/contact/"),
        Contact("about_page", "https://www.garden.test/about/"),
        Contact("social", "https://github.com/gardenclub", "github"),
        Contact("author", "Jane Smith"),
    ]
    assert extract_contacts(root, PAGE_URL, PAGE_SITE, site_of=site_of) == expected
    assert extract_contacts(html.encode(), PAGE_URL, PAGE_SITE, site_of=site_of) == expected


@pytest.mark.parametrize("html", ["", "   ", b""])
def test_empty_input(html):
    assert extract_contacts(html, PAGE_URL, PAGE_SITE, site_of=site_of) == []


PERSONAL = Contact("email", "jane@garden.test", "personal")
GENERIC = Contact("email", "info@garden.test", "generic")
CONTACT_PAGE = Contact("contact_page", "https://garden.test/contact/")
SOCIAL = Contact("social", "https://twitter.com/gardenclub", "twitter")
ABOUT_PAGE = Contact("about_page", "https://garden.test/about/")
AUTHOR = Contact("author", "Jane Smith")


@pytest.mark.parametrize(
    ("candidates", "best"),
    [
        ([AUTHOR, ABOUT_PAGE, SOCIAL, CONTACT_PAGE, GENERIC, PERSONAL], PERSONAL),
        ([ABOUT_PAGE, SOCIAL, CONTACT_PAGE, GENERIC], GENERIC),
        ([ABOUT_PAGE, SOCIAL, CONTACT_PAGE], CONTACT_PAGE),
        ([ABOUT_PAGE, SOCIAL], SOCIAL),
        ([AUTHOR, ABOUT_PAGE], ABOUT_PAGE),
        ([GENERIC, Contact("email", "hello@garden.test", "generic")], GENERIC),
        ([AUTHOR], None),
        ([], None),
    ],
)
def test_pick_best_contact(candidates, best):
    assert pick_best_contact(candidates) == best
