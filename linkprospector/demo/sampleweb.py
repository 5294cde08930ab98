"""The bundled sample niche web (home gardening) for the offline demo and tests.

Three seed sites with resource pages, a links page, blogs and nav/footer links, linking
out to target sites that cover every case of the verdict table in DESIGN.md::

    sites, kwargs = demo_sites()
    with LocalWeb(sites, **kwargs) as web:
        ...crawl demo_seeds() with web.host_map...

``demo_expectations()`` says which verdict and reason each outbound target should get.
All URLs are plain ``http://`` on ``.test`` hosts; the host map sends them to loopback.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from typing import Any

from linkprospector.demo.localweb import Route, Site

__all__ = ["demo_expectations", "demo_seeds", "demo_sites", "TARGETS"]


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """One outbound URL linked from the seed sites and the verdict a check should reach."""

    url: str
    verdict: str
    reason: str
    case: str  # which verdict-table case it stands for


# Hosts that do not serve HTTP at all.
REFUSED_HOSTS = ["composttumblerco.test"]  # nothing listens: connection refused
BLACKHOLE_HOSTS = ["frostdatefinder.test"]  # accepts TCP, never answers: timeout
NXDOMAIN_HOSTS = ["ediblehedges.test", "secret-supplier.test"]  # name does not resolve

TARGETS: list[Target] = [
    # live
    Target("http://plantdatabase.test/plants/tomato", "live", "ok", "live 200"),
    Target("http://soilsciencehub.test/guides/compost-ratios", "live", "ok", "live 200"),
    Target("http://heirloomseedbank.test/", "live", "ok", "live 200"),
    Target("http://pollinatorpartners.test/bee-friendly-plants", "live", "ok", "live 200"),
    Target("http://chirper.test/greenthumbguide", "live", "ok", "live 200 (social)"),
    Target("http://chirper.test/urbanveggiepatch", "live", "ok", "live 200 (social)"),
    Target("http://urbanveggiepatch.test/", "live", "ok", "live 200 (another seed)"),
    Target("http://seedsaverscircle.test/", "live", "ok", "live 200 (another seed)"),
    Target("http://greenthumbguide.test/resources/", "live", "ok", "live 200 (another seed)"),
    Target(
        "http://oldwateringtips.test/tips/drip-irrigation",
        "live",
        "redirect_ok",
        "301 -> 301 -> 200",
    ),
    Target(
        "http://toolshedreviews.test/reviews/best-pruners",
        "live",
        "ok",
        "HEAD-hostile: 405 on HEAD, 200 on GET",
    ),
    Target("http://raincatcherdiy.test/rain-barrel-build", "live", "ok", "503 once, then 200"),
    Target(
        "http://mulchmatters.test/types-of-mulch",
        "live",
        "ok",
        "429 with Retry-After: 1 once, then 200",
    ),
    # dead
    Target("http://pestcontrolnotes.test/aphids-organic", "dead", "http_404", "404"),
    Target("http://wintersowingweb.test/how-to", "dead", "http_410", "410"),
    Target(
        "http://beekeepersforum.test/threads/4412-pollinator-gardens",
        "dead",
        "http_500",
        "persistent 500",
    ),
    Target(
        "http://seedswapnetwork.test/events/2019-spring",
        "dead",
        "http_404",
        "301 -> 302 -> 404",
    ),
    Target("http://companionplanting.test/chart", "dead", "redirect_loop", "a -> b -> a"),
    Target("http://redirectmaze.test/start", "dead", "too_many_redirects", "30 hops"),
    Target("http://composttumblerco.test/models/dual-chamber", "dead", "refused", "refused"),
    Target("http://ediblehedges.test/planting-a-hedgerow", "dead", "dns", "NXDOMAIN"),
    Target(
        "http://gardeningtodaymag.test/articles/the-lost-art-of-espalier",
        "dead",
        "soft_404",
        "200 with a 'page not found' page",
    ),
    Target("http://tomatotalk.test/", "dead", "parked", "parked domain for sale"),
    Target(
        "http://greenthumbguide.test/blog/2019/old-seed-list/", "dead", "http_404", "internal 404"
    ),
    # blocked
    Target("http://members.allotmentsociety.test/plot-map", "blocked", "http_401", "401"),
    Target("http://gardenstatsportal.test/reports/2023", "blocked", "http_403", "403"),
    Target(
        "http://www.linkedin.test/company/greenthumb-guide",
        "blocked",
        "http_999",
        "999 (LinkedIn style)",
    ),
    # unknown
    Target("http://frostdatefinder.test/calendar", "unknown", "timeout", "blackhole"),
]

# Linked only from /private/ (disallowed by robots.txt): a crawler that obeys robots.txt
# never sees it, so it must never be checked.
ROBOTS_ONLY_TARGET = "http://secret-supplier.test/wholesale-price-list"


# --------------------------------------------------------------------------- HTML helpers


def _doc(title: str, body: str, description: str = "") -> str:
    meta = f'\n<meta name="description" content="{escape(description)}">' if description else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>{meta}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _simple(title: str, *paragraphs: str) -> Route:
    text = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return Route(body=_doc(title, f"<main>\n<h1>{escape(title)}</h1>\n{text}\n</main>"))


def _links(items: list[tuple[str, str, str]], rel: str = "") -> str:
    """<ul> of (href, anchor, description)."""
    rel_attr = f' rel="{rel}"' if rel else ""
    rows = "\n".join(
        f'  <li><a href="{href}"{rel_attr}>{anchor}</a> – {desc}</li>'
        for href, anchor, desc in items
    )
    return f"<ul>\n{rows}\n</ul>"


def _sitemap(host: str, paths: list[str]) -> str:
    urls = "\n".join(f"  <url><loc>http://{host}{p}</loc></url>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}\n</urlset>\n"
    )


@dataclass(frozen=True)
class _Layout:
    """Shared header/nav/sidebar/footer of one seed site."""

    name: str
    tagline: str
    nav: list[tuple[str, str]]
    footer: str
    sidebar: str = ""

    def page(self, title: str, main: str, description: str = "") -> Route:
        nav = "\n".join(f'  <li><a href="{href}">{label}</a></li>' for href, label in self.nav)
        aside = f'<aside class="sidebar">\n{self.sidebar}\n</aside>\n' if self.sidebar else ""
        body = (
            f'<header>\n<a href="/" class="logo">{self.name}</a>\n'
            f'<p class="tagline">{self.tagline}</p>\n</header>\n'
            f"<nav>\n<ul>\n{nav}\n</ul>\n</nav>\n"
            f"<main>\n{main}\n</main>\n"
            f"{aside}"
            f"<footer>\n{self.footer}\n</footer>"
        )
        return Route(body=_doc(f"{title} | {self.name}", body, description))


# --------------------------------------------------------------------------- seed 1


def _greenthumbguide() -> Site:
    site = _Layout(
        name="Green Thumb Guide",
        tagline="Practical home gardening for small plots, balconies and busy people",
        nav=[
            ("/", "Home"),
            ("/blog/", "Blog"),
            ("/resources/", "Resources"),
            ("/about/", "About"),
            ("/contact/", "Contact"),
        ],
        footer=(
            '<p><a href="/contact/">Contact us</a> · <a href="/privacy/">Privacy</a> · '
            '<a href="mailto:hello@greenthumbguide.test">hello@greenthumbguide.test</a></p>\n'
            '<p>Follow us: <a href="http://chirper.test/greenthumbguide">Chirper</a> · '
            '<a href="http://www.linkedin.test/company/greenthumb-guide">LinkedIn</a></p>\n'
            "<p>© 2024 Green Thumb Guide. All rights reserved.</p>"
        ),
        sidebar=(
            "<h3>Friends of the blog</h3>\n"
            + _links(
                [
                    ("http://urbanveggiepatch.test/", "Urban Veggie Patch", "balcony growing"),
                    ("http://seedsaverscircle.test/", "Seed Savers Circle", "seed swaps"),
                ]
            )
        ),
    )

    home = site.page(
        "Home",
        """<h1>Grow more food in less space</h1>
<p>Green Thumb Guide is a small, independent site about growing vegetables, herbs and
flowers at home. We test methods in our own raised beds and write up what worked and what
did not.</p>
<h2>Latest posts</h2>
<ul>
  <li><a href="/blog/composting-for-beginners/">Composting for beginners</a></li>
  <li><a href="/blog/saving-tomato-seeds/">How to save tomato seeds</a></li>
  <li><a href="/blog/watering-without-waste/">Watering without waste</a></li>
</ul>
<p>New here? Start with our <a href="/resources/">useful gardening resources</a>, a
hand-picked list of the best guides, databases and communities we know.</p>
<p><a href="#top">Back to top</a> · <a href="javascript:void(0)">Print this page</a></p>""",
        "Practical home gardening guides for small spaces.",
    )

    resources = site.page(
        "Useful Gardening Resources",
        """<h1>Useful Gardening Resources</h1>
<p>These are the websites, guides and tools we keep coming back to. Every link was checked
by hand when we added it. Know a great resource we missed? <a href="/contact/">Suggest a
resource</a> and we will take a look.</p>
<h2>Soil and compost</h2>
"""
        + _links(
            [
                (
                    "http://soilsciencehub.test/guides/compost-ratios",
                    "Compost ratios explained",
                    "greens, browns and how much of each",
                ),
                (
                    "http://composttumblerco.test/models/dual-chamber",
                    "Dual-chamber compost tumblers",
                    "a buyer's guide to tumblers",
                ),
                (
                    "http://mulchmatters.test/types-of-mulch",
                    "Types of mulch",
                    "bark, straw, leaf mould and more compared",
                ),
            ]
        )
        + "\n<h2>Seeds and plants</h2>\n"
        + _links(
            [
                ("http://heirloomseedbank.test/", "Heirloom Seed Bank", "open-pollinated seeds"),
                (
                    "http://plantdatabase.test/plants/tomato",
                    "Plant Database: tomato",
                    "varieties, spacing and sowing dates",
                ),
                (
                    "http://seedswapnetwork.test/events/2019-spring",
                    "Spring seed swap",
                    "find a swap near you",
                ),
            ]
        )
        + "\n<h2>Watering and weather</h2>\n"
        + _links(
            [
                (
                    "http://oldwateringtips.test/tips/drip-irrigation",
                    "Drip irrigation basics",
                    "set up a drip line in an afternoon",
                ),
                (
                    "http://raincatcherdiy.test/rain-barrel-build",
                    "Build a rain barrel",
                    "step-by-step with photos",
                ),
                (
                    "http://frostdatefinder.test/calendar",
                    "Frost date calculator",
                    "last and first frost dates by postcode",
                ),
            ]
        )
        + "\n<h2>Pests, pollinators and companions</h2>\n"
        + _links(
            [
                (
                    "http://pestcontrolnotes.test/aphids-organic",
                    "Organic aphid control",
                    "soap sprays, ladybirds and timing",
                ),
                (
                    "http://pollinatorpartners.test/bee-friendly-plants",
                    "Bee-friendly plants",
                    "what to plant for bees month by month",
                ),
                (
                    "http://companionplanting.test/chart",
                    "Companion planting chart",
                    "what grows well together",
                ),
            ]
        )
        + "\n<h2>Tools</h2>\n"
        + _links(
            [
                (
                    "http://toolshedreviews.test/reviews/best-pruners",
                    "The best pruners, tested",
                    "bypass vs anvil",
                )
            ],
            rel="sponsored",
        )
        + "\n<p>Last updated March 2024.</p>",
        "A hand-picked list of useful gardening resources: soil, seeds, watering, pests.",
    )

    blog_index = site.page(
        "Blog",
        """<h1>Blog</h1>
<article>
  <h2><a href="/blog/composting-for-beginners/">Composting for beginners</a></h2>
  <p>Everything you need to turn kitchen scraps into black gold.</p>
</article>
<article>
  <h2><a href="/blog/saving-tomato-seeds/">How to save tomato seeds</a></h2>
  <p>Ferment, rinse, dry: keep your favourite variety going for years.</p>
</article>
<article>
  <h2><a href="/blog/watering-without-waste/">Watering without waste</a></h2>
  <p>Water deeply, less often, and at the right time of day.</p>
</article>
<p>From the archive: <a href="/blog/2019/old-seed-list/">our 2019 seed list</a>.</p>""",
    )

    composting = site.page(
        "Composting for beginners",
        """<article>
<h1>Composting for beginners</h1>
<p class="byline">By Maya Okafor · 12 April 2024</p>
<p>A compost heap needs four things: greens (nitrogen), browns (carbon), air and water.
Get the balance roughly right and the microbes do the rest. The
<a href="http://soilsciencehub.test/guides/compost-ratios">Soil Science Hub guide to
compost ratios</a> explains the chemistry far better than we could.</p>
<h2>Heap, bin or tumbler?</h2>
<p>An open heap is free but slow. A tumbler is quicker and tidier; we liked the
<a href="http://composttumblerco.test/models/dual-chamber">dual-chamber models</a>, which let
one batch finish while you fill the other.</p>
<ul>
  <li>Chop material small so it breaks down faster.</li>
  <li>Turn the heap every couple of weeks.</li>
  <li>Keep it as damp as a wrung-out sponge.</li>
</ul>
<p>In winter, try <a href="http://wintersowingweb.test/how-to">winter sowing in milk
jugs</a> with your finished compost.</p>
</article>""",
    )

    tomato_seeds = site.page(
        "How to save tomato seeds",
        """<article>
<h1>How to save tomato seeds</h1>
<p class="byline">By Sam Reyes · 2 September 2024</p>
<p>Only save seed from open-pollinated varieties: hybrids will not come true. The
<a href="http://heirloomseedbank.test/">Heirloom Seed Bank</a> has hundreds to start from,
and the <a href="http://plantdatabase.test/plants/tomato">Plant Database tomato page</a>
lists which are which.</p>
<ol>
  <li>Scoop the seeds and jelly into a jar with a little water.</li>
  <li>Leave for three days until a mould forms on top.</li>
  <li>Rinse in a sieve and dry on a plate for a week.</li>
</ol>
<p>Got spare seed? Take it to a <a href="http://seedswapnetwork.test/events/2019-spring">seed
swap</a> or the <a href="http://seedsaverscircle.test/">Seed Savers Circle</a>.</p>
</article>
<section class="comments">
<h2>Comments</h2>
<div class="comment"><p><a href="http://tomatotalk.test/" rel="ugc nofollow">Tom</a>: Great
tips, I have been doing this for years!</p></div>
</section>""",
    )

    watering = site.page(
        "Watering without waste",
        """<article>
<h1>Watering without waste</h1>
<p class="byline">By Maya Okafor · 20 June 2024</p>
<p>Most gardens get too little water too often. Water deeply once or twice a week so roots
grow down, not sideways. A simple drip line helps: see these
<a href="http://oldwateringtips.test/tips/drip-irrigation">drip irrigation basics</a>.</p>
<p>Collect what falls on your roof: <a href="http://raincatcherdiy.test/rain-barrel-build">build
a rain barrel</a> in an afternoon, then cover the soil with
<a href="http://mulchmatters.test/types-of-mulch">a good mulch</a> to keep the water in.</p>
<p>Check your <a href="http://frostdatefinder.test/calendar">frost dates</a> before putting
out tender seedlings.</p>
</article>""",
    )

    about = site.page(
        "About",
        """<h1>About Green Thumb Guide</h1>
<p>We are Maya and Sam, two allotment holders who got tired of gardening advice written for
people with acres of land. Everything here is tested on a 5 x 10 metre plot.</p>
<p>Want to write for us? We accept guest posts: see our <a href="/contact/">contact
page</a>.</p>""",
    )

    contact = site.page(
        "Contact",
        """<h1>Contact us</h1>
<p>Questions, corrections or resource suggestions: email
<a href="mailto:hello@greenthumbguide.test">hello@greenthumbguide.test</a> or call
<a href="tel:+15550100">+1 555 0100</a>.</p>
<form action="/contact/send" method="post">
  <label>Your email <input type="email" name="email"></label>
  <label>Message <textarea name="message"></textarea></label>
  <button>Send</button>
</form>""",
    )

    sitemap_paths = [
        "/",
        "/resources/",
        "/blog/",
        "/blog/composting-for-beginners/",
        "/blog/saving-tomato-seeds/",
        "/blog/watering-without-waste/",
        "/about/",
        "/contact/",
    ]

    drafts = site.page(
        "Draft: supplier list",
        f"""<h1>Draft: wholesale suppliers</h1>
<p>Not for publication yet.</p>
<p><a href="{ROBOTS_ONLY_TARGET}">Wholesale price list</a></p>""",
    )

    return Site(
        "greenthumbguide.test",
        aliases=["www.greenthumbguide.test"],
        robots=(
            "User-agent: *\n"
            "Disallow: /private/\n"
            "\n"
            "Sitemap: http://greenthumbguide.test/sitemap.xml\n"
        ),
        routes={
            "/": home,
            "/resources/": resources,
            "/blog/": blog_index,
            "/blog/composting-for-beginners/": composting,
            "/blog/saving-tomato-seeds/": tomato_seeds,
            "/blog/watering-without-waste/": watering,
            "/about/": about,
            "/contact/": contact,
            "/privacy/": site.page("Privacy", "<h1>Privacy</h1><p>We use no cookies.</p>"),
            "/sitemap.xml": Route(
                body=_sitemap("greenthumbguide.test", sitemap_paths), content_type="application/xml"
            ),
            "/private/": drafts,
            "/private/drafts/suppliers/": drafts,
            # old URLs that moved inside the site
            "/resources": Route(redirect="/resources/"),
            "/links/": Route(redirect="/resources/"),
        },
    )


# --------------------------------------------------------------------------- seed 2


def _urbanveggiepatch() -> Site:
    site = _Layout(
        name="Urban Veggie Patch",
        tagline="Growing food on a fourth-floor balcony",
        nav=[
            ("/", "Home"),
            ("/growing-calendar.html", "Growing calendar"),
            ("/links.html", "Links"),
            ("/about.html", "About me"),
        ],
        footer=(
            "<p>Urban Veggie Patch · written by Lena Fischer · "
            '<a href="mailto:lena@urbanveggiepatch.test">lena@urbanveggiepatch.test</a> · '
            '<a href="http://chirper.test/urbanveggiepatch">@urbanveggiepatch</a></p>'
        ),
    )

    home = site.page(
        "Balcony vegetable growing",
        """<h1>Balcony vegetable growing</h1>
<p>Four square metres, south-west facing, a lot of wind. This is the diary of what I grow
up here and how: containers, self-watering pots, and more herbs than anyone needs.</p>
<p>See the <a href="/growing-calendar.html">growing calendar</a> for what to sow when, and
my <a href="/links.html">favourite links</a> for everything else.</p>""",
    )

    links = site.page(
        "Links",
        """<h1>Links</h1>
<p>Gardening sites, forums and tools I find useful. Some are old favourites, so let me know
if one has moved.</p>
<h2>Learning</h2>
"""
        + _links(
            [
                (
                    "http://plantdatabase.test/plants/tomato",
                    "Plant Database",
                    "the reference for varieties",
                ),
                (
                    "http://gardeningtodaymag.test/articles/the-lost-art-of-espalier",
                    "The lost art of espalier",
                    "Gardening Today magazine",
                ),
                (
                    "http://pestcontrolnotes.test/aphids-organic",
                    "Organic aphid control",
                    "Pest Control Notes",
                ),
                ("http://ediblehedges.test/planting-a-hedgerow", "Planting a hedgerow", "guide"),
                (
                    "http://redirectmaze.test/start",
                    "Container garden planner",
                    "plan pots by sun hours",
                ),
            ]
        )
        + "\n<h2>Community</h2>\n"
        + _links(
            [
                (
                    "http://beekeepersforum.test/threads/4412-pollinator-gardens",
                    "Pollinator gardens thread",
                    "Beekeepers Forum",
                ),
                (
                    "http://members.allotmentsociety.test/plot-map",
                    "Allotment plot map",
                    "members only",
                ),
                ("http://seedsaverscircle.test/", "Seed Savers Circle", "local seed library"),
            ],
            rel="nofollow",
        )
        + "\n<h2>Data and tools</h2>\n"
        + _links(
            [
                (
                    "http://gardenstatsportal.test/reports/2023",
                    "Garden statistics 2023",
                    "what people grow",
                ),
                (
                    "http://toolshedreviews.test/reviews/best-pruners",
                    "Pruner reviews",
                    "Toolshed Reviews",
                ),
                ("http://companionplanting.test/chart", "Companion planting chart", "printable"),
                ("http://frostdatefinder.test/calendar", "Frost dates", "by postcode"),
            ]
        ),
        "Links to gardening sites, forums and tools.",
    )

    calendar = site.page(
        "Growing calendar",
        """<h1>My balcony growing calendar</h1>
<table>
  <tr><th>Month</th><th>Sow</th><th>Harvest</th></tr>
  <tr><td>March</td><td>Chillies, tomatoes (indoors)</td><td>Pea shoots</td></tr>
  <tr><td>April</td><td>Lettuce, radish, chard</td><td>Radish</td></tr>
  <tr><td>May</td><td>Beans, courgette</td><td>Lettuce</td></tr>
  <tr><td>July</td><td>Late salad</td><td>Tomatoes, beans</td></tr>
</table>
<p>Frost dates vary, so check a <a href="http://frostdatefinder.test/calendar">frost date
calculator</a> for your area.</p>""",
    )

    about = site.page(
        "About me",
        """<h1>About me</h1>
<p>I am Lena, a software tester who grows vegetables on a balcony in the city. Say hello on
<a href="http://chirper.test/urbanveggiepatch">Chirper</a>.</p>""",
    )

    return Site(
        "urbanveggiepatch.test",
        routes={
            "/": home,
            "/index.html": Route(redirect="/"),
            "/links.html": links,
            "/growing-calendar.html": calendar,
            "/about.html": about,
        },
        robots=None,  # no robots.txt: 404, everything allowed
    )


# --------------------------------------------------------------------------- seed 3


def _seedsaverscircle() -> Site:
    site = _Layout(
        name="Seed Savers Circle",
        tagline="A community seed library and swap group",
        nav=[
            ("/", "Home"),
            ("/news/", "News"),
            ("/resources/gardening-links/", "Gardening links"),
            ("/join/", "Join"),
        ],
        footer=(
            '<p><a href="/contact/">Contact the committee</a> · '
            '<a href="mailto:committee@seedsaverscircle.test">committee@seedsaverscircle.test</a>'
            "</p>\n<p>Registered community group no. 0042.</p>"
        ),
    )

    home = site.page(
        "Welcome",
        """<h1>Welcome to the Seed Savers Circle</h1>
<p>We are a volunteer group that keeps local and heirloom varieties alive by growing them,
saving their seed and sharing it for free. Our seed library opens every second Saturday.</p>
<p>Members get access to the seed library, workshops and our
<a href="/resources/gardening-links/">gardening links and resources</a> page.</p>""",
    )

    links = site.page(
        "Gardening links & resources",
        """<h1>Gardening links &amp; resources</h1>
<p>Resources recommended by our members, grouped by topic. Members: send suggestions to the
committee.</p>
<h2>Seed saving</h2>
"""
        + _links(
            [
                ("http://heirloomseedbank.test/", "Heirloom Seed Bank", "national seed library"),
                (
                    "http://seedswapnetwork.test/events/2019-spring",
                    "Seed Swap Network events",
                    "swaps across the country",
                ),
                ("http://tomatotalk.test/", "Tomato Talk", "tomato growers' forum"),
            ]
        )
        + "\n<h2>Growing</h2>\n"
        + _links(
            [
                (
                    "http://soilsciencehub.test/guides/compost-ratios",
                    "Compost ratios",
                    "Soil Science Hub",
                ),
                (
                    "http://wintersowingweb.test/how-to",
                    "Winter sowing how-to",
                    "start seeds outdoors in winter",
                ),
                (
                    "http://pollinatorpartners.test/bee-friendly-plants",
                    "Bee-friendly plants",
                    "Pollinator Partners",
                ),
                ("http://mulchmatters.test/types-of-mulch", "Mulch guide", "Mulch Matters"),
            ]
        )
        + "\n<h2>Friends</h2>\n"
        + _links(
            [
                ("http://greenthumbguide.test/resources/", "Green Thumb Guide", "resources"),
                ("http://urbanveggiepatch.test/", "Urban Veggie Patch", "balcony growing"),
                (
                    "http://www.linkedin.test/company/greenthumb-guide",
                    "Green Thumb Guide on LinkedIn",
                    "professional page",
                ),
            ]
        ),
        "Gardening links and resources recommended by Seed Savers Circle members.",
    )

    news = site.page(
        "News",
        """<h1>News</h1>
<ul>
  <li><a href="/news/spring-swap-2024/">Spring swap 2024: record turnout</a></li>
  <li><a href="/news/new-seed-library/">Our new seed library</a></li>
</ul>""",
    )

    spring_swap = site.page(
        "Spring swap 2024",
        """<article>
<h1>Spring swap 2024: record turnout</h1>
<p>Over 120 people came to the spring swap and 900 packets changed hands. Thanks to
<a href="http://heirloomseedbank.test/">Heirloom Seed Bank</a> for the donated beans.</p>
<p>Photos from the <a href="http://seedswapnetwork.test/events/2019-spring">2019 swap</a> are
still online for comparison.</p>
</article>""",
    )

    seed_library = site.page(
        "Our new seed library",
        """<article>
<h1>Our new seed library</h1>
<p>The library now holds 340 varieties. The full list and the allotment
<a href="http://members.allotmentsociety.test/plot-map">plot map</a> are on the members
site; usage figures come from the
<a href="http://gardenstatsportal.test/reports/2023">Garden Stats Portal</a>.</p>
</article>""",
    )

    return Site(
        "seedsaverscircle.test",
        aliases=["www.seedsaverscircle.test"],
        robots="User-agent: *\nAllow: /\n",
        routes={
            "/": home,
            "/resources/gardening-links/": links,
            "/news/": news,
            "/news/spring-swap-2024/": spring_swap,
            "/news/new-seed-library/": seed_library,
            "/join/": site.page("Join", "<h1>Join</h1><p>Membership is free.</p>"),
            "/contact/": site.page(
                "Contact",
                "<h1>Contact the committee</h1>"
                '<p><a href="mailto:committee@seedsaverscircle.test">Email us</a></p>',
            ),
        },
    )


# --------------------------------------------------------------------------- target sites

_SOFT_404 = _doc(
    "Gardening Today",
    """<header><a href="/">Gardening Today</a></header>
<main>
<h1>Oops! We can't find that page</h1>
<p>Sorry, the page you were looking for doesn't exist or has been moved. Try searching or
go back to the <a href="/">home page</a>.</p>
</main>""",
)

_PARKED = _doc(
    "tomatotalk.test - This domain may be for sale!",
    """<div class="parked">
<h1>tomatotalk.test</h1>
<p>This domain may be for sale! <a href="/buy?domain=tomatotalk.test">Buy this domain</a>.</p>
<h2>Related searches</h2>
<ul>
  <li><a href="/search?q=tomato+seeds">Tomato Seeds</a></li>
  <li><a href="/search?q=garden+supplies">Garden Supplies</a></li>
  <li><a href="/search?q=greenhouse+kits">Greenhouse Kits</a></li>
</ul>
<p>Copyright © 2024 domain parking service. All rights reserved. Privacy Policy</p>
</div>
<script>window.location.search || (document.body.className = "parked-domain");</script>""",
)


def _target_sites() -> list[Site]:
    def s(host: str, title: str, routes: dict[str, Route], **kw) -> Site:
        routes = {"/": _simple(title, f"Welcome to {title}."), **routes}
        return Site(host, routes=routes, **kw)

    maze = {f"/hop/{i}": Route(redirect=f"/hop/{i + 1}", status=302) for i in range(1, 30)}
    maze["/start"] = Route(redirect="/hop/1", status=302)
    maze["/hop/30"] = _simple("Container garden planner", "You made it.")

    return [
        # live
        s(
            "plantdatabase.test",
            "Plant Database",
            {
                "/plants/tomato": _simple(
                    "Tomato (Solanum lycopersicum)",
                    "Sow indoors 6-8 weeks before the last frost. Space plants 45-60 cm apart.",
                    "Popular open-pollinated varieties: Gardener's Delight, Brandywine.",
                )
            },
        ),
        s(
            "soilsciencehub.test",
            "Soil Science Hub",
            {
                "/guides/compost-ratios": _simple(
                    "Compost ratios explained",
                    "Aim for roughly 25-30 parts carbon to 1 part nitrogen by weight.",
                )
            },
        ),
        s("heirloomseedbank.test", "Heirloom Seed Bank", {}),
        s(
            "pollinatorpartners.test",
            "Pollinator Partners",
            {
                "/bee-friendly-plants": _simple(
                    "Bee-friendly plants", "Lavender, borage, phacelia and crocus."
                )
            },
        ),
        s(
            "chirper.test",
            "Chirper",
            {
                "/greenthumbguide": _simple("@greenthumbguide on Chirper", "Gardening tips."),
                "/urbanveggiepatch": _simple("@urbanveggiepatch on Chirper", "Balcony life."),
            },
        ),
        # 301 -> 301 -> 200
        s(
            "oldwateringtips.test",
            "Old Watering Tips",
            {
                "/tips/drip-irrigation": Route(
                    redirect="http://www.oldwateringtips.test/tips/drip-irrigation"
                )
            },
        ),
        s(
            "www.oldwateringtips.test",
            "Old Watering Tips",
            {"/tips/drip-irrigation": Route(redirect="http://irrigationhandbook.test/drip/")},
        ),
        s(
            "irrigationhandbook.test",
            "Irrigation Handbook",
            {"/drip/": _simple("Drip irrigation", "Lay the line, add emitters, run a timer.")},
        ),
        # HEAD-hostile
        s(
            "toolshedreviews.test",
            "Toolshed Reviews",
            {
                "/reviews/best-pruners": Route(
                    body=_simple("The best pruners, tested", "Bypass pruners win.").body,
                    head_status=405,
                )
            },
        ),
        # transient failures that recover
        s(
            "raincatcherdiy.test",
            "Rain Catcher DIY",
            {
                "/rain-barrel-build": Route(
                    body=_simple("Build a rain barrel", "You need a food-grade barrel.").body,
                    fail_first=1,
                    fail_status=503,
                )
            },
        ),
        s(
            "mulchmatters.test",
            "Mulch Matters",
            {
                "/types-of-mulch": Route(
                    body=_simple("Types of mulch", "Bark, straw, leaf mould, compost.").body,
                    fail_first=1,
                    fail_status=429,
                    retry_after="1",
                )
            },
        ),
        # dead
        s("pestcontrolnotes.test", "Pest Control Notes", {}),  # any other path: 404
        s(
            "wintersowingweb.test",
            "Winter Sowing Web",
            {"/how-to": Route(status=410, body=_doc("Gone", "<h1>410 Gone</h1>"))},
        ),
        s(
            "beekeepersforum.test",
            "Beekeepers Forum",
            {
                "/threads/4412-pollinator-gardens": Route(
                    status=500, body=_doc("Error", "<h1>Internal Server Error</h1>")
                )
            },
        ),
        s(
            "seedswapnetwork.test",
            "Seed Swap Network",
            {
                "/events/2019-spring": Route(redirect="/archive/2019-spring"),
                "/archive/2019-spring": Route(
                    redirect="http://archive.seedswapnetwork.test/2019/spring", status=302
                ),
            },
        ),
        s("archive.seedswapnetwork.test", "Seed Swap Network archive", {}),
        s(
            "companionplanting.test",
            "Companion Planting",
            {
                "/chart": Route(redirect="http://companionplanting.test/charts/companion"),
                "/charts/companion": Route(redirect="http://companionplanting.test/chart"),
            },
        ),
        s("redirectmaze.test", "Redirect Maze", maze),
        Site(
            "gardeningtodaymag.test",
            routes={"/": _simple("Gardening Today", "The monthly magazine for gardeners.")},
            default=Route(body=_SOFT_404),  # soft 404: 200 with a "not found" page
        ),
        Site("tomatotalk.test", default=Route(body=_PARKED)),
        # blocked
        s(
            "members.allotmentsociety.test",
            "Allotment Society members",
            {
                "/plot-map": Route(
                    status=401,
                    body=_doc("Login required", "<h1>401 Unauthorized</h1>"),
                    headers={"WWW-Authenticate": 'Basic realm="members"'},
                )
            },
        ),
        s(
            "gardenstatsportal.test",
            "Garden Stats Portal",
            {"/reports/2023": Route(status=403, body=_doc("Forbidden", "<h1>Forbidden</h1>"))},
        ),
        Site(
            "www.linkedin.test",
            aliases=["linkedin.test"],
            default=Route(
                status=999,
                body="<html><head><script>/* bot check */</script></head><body></body></html>",
            ),
        ),
    ]


# --------------------------------------------------------------------------- public API


#: A link the demo's second night finds new on Urban Veggie Patch's links page. Its target
#: 404s, so the demo's workbook shows a suspected (checked once) row beside the confirmed.
TONIGHT_TARGET = Target(
    "http://wormfarmguide.test/getting-started", "dead", "http_404", "new tonight, 404"
)
TONIGHT_PAGE = "/links.html"


def add_tonights_link(web: Any) -> None:
    """Change the running demo web as a site owner would between two nights."""
    site = web.site("urbanveggiepatch.test")
    route = site.routes[TONIGHT_PAGE]
    item = f'<li><a href="{TONIGHT_TARGET.url}">Worm farm guide</a> - getting started</li>\n'
    head, _, tail = route.body.rpartition("</ul>")
    site.routes[TONIGHT_PAGE] = replace(route, body=f"{head}{item}</ul>{tail}")


def demo_sites() -> tuple[list[Site], dict]:
    """The sample gardening web: (sites, keyword arguments for ``LocalWeb``)."""
    worms = Site("wormfarmguide.test", routes={"/": _simple("Worm Farm Guide", "Worms.")})
    sites = [
        _greenthumbguide(),
        _urbanveggiepatch(),
        _seedsaverscircle(),
        *_target_sites(),
        worms,
    ]
    kwargs = {
        "refused_hosts": list(REFUSED_HOSTS),
        "blackhole_hosts": list(BLACKHOLE_HOSTS),
        "nxdomain_hosts": list(NXDOMAIN_HOSTS),
    }
    return sites, kwargs


def demo_seeds() -> list[str]:
    """Seed URLs of the demo crawl: the home pages of the three seed sites."""
    return [
        "http://greenthumbguide.test/",
        "http://urbanveggiepatch.test/",
        "http://seedsaverscircle.test/",
    ]


def demo_expectations(tonight: bool = False) -> dict[str, tuple[str, str]]:
    """Outbound target URL -> (verdict, reason) that a correct check should reach
    (``tonight``: after :func:`add_tonights_link`, as at the end of ``linkprospector demo``)."""
    targets = [*TARGETS, TONIGHT_TARGET] if tonight else TARGETS
    return {t.url: (t.verdict, t.reason) for t in targets}
