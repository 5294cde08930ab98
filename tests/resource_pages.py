"""Resource pages in several independent layouts and languages, and pages that look like
them but are not (articles about links, archives, sitemaps, press pages, blogrolls,
comment sections, review roundups). Each is (url, html) on the site garden.test."""

from __future__ import annotations

SITE = "https://garden.test"

HEADER = (
    '<header><a href="/">Garden Notes</a><nav><ul>'
    + "".join(f'<li><a href="/topic-{i}/">Topic {i}</a></li>' for i in range(12))
    + "</ul></nav></header>"
)
FOOTER = (
    "<footer><p>&copy; 2025 Garden Notes</p><ul>"
    + "".join(f'<li><a href="https://partner{i}.test/">Partner {i}</a></li>' for i in range(6))
    + "</ul></footer>"
)
SENTENCE = "Compost, mulch and patience make a garden; we write down what worked and what did not. "


def doc(title: str, main: str, aside: str = "", lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
        f"{HEADER}<main>{main}</main>{aside}{FOOTER}</body></html>"
    )


def sites(n: int, stem: str) -> list[str]:
    return [f"https://{stem}{i}.test/" for i in range(n)]


# -- resource pages ---------------------------------------------------------------------

UL_LIST = doc(
    "Useful gardening links – Garden Notes",
    "<h1>Useful gardening links</h1><p>Sites our readers recommend.</p><ul>"
    + "".join(
        f'<li><a href="{u}">Seed bank {i}</a> – heirloom seeds, shipped worldwide.</li>'
        for i, u in enumerate(sites(14, "seedbank"))
    )
    + "</ul>",
)
DIRECTORY_TABLE = doc(
    "Where to buy seeds and tools",
    "<h1>Where to buy seeds and tools</h1><table><tr><th>Shop</th><th>What</th><th>Region</th>"
    "</tr>"
    + "".join(
        f'<tr><td><a href="{u}">Shop {i}</a></td><td>Seeds, bulbs</td><td>EU</td></tr>'
        for i, u in enumerate(sites(12, "shop"))
    )
    + "</table>",
)
DEFINITION_LIST_DE = doc(
    "Werkzeuge für den Garten",
    "<h1>Werkzeuge, die wir empfehlen</h1><dl>"
    + "".join(
        f'<dt><a href="{u}">Werkzeug {i}</a></dt>'
        "<dd>Ein Rechner für Beetgrößen und Saatzeiten.</dd>"
        for i, u in enumerate(sites(9, "werkzeug"))
    )
    + "</dl>",
    lang="de",
)
CARD_GRID = doc(
    "Our favourite garden blogs",
    "<h1>Our favourite garden blogs</h1><div class='grid'>"
    + "".join(
        f"<div class='card'><h3><a href='{u}'>Blog {i}</a></h3><p>Small-space growing, "
        "honest reviews.</p></div>"
        for i, u in enumerate(sites(12, "blog"))
    )
    + "</div>",
)
ROUNDUP_POST = doc(
    "Weekly roundup #42 – Garden Notes",
    "<article><h1>Weekly roundup #42</h1><p>What we read this week.</p>"
    + "".join(
        f"<h2>Section {k}</h2><ul>"
        + "".join(
            f'<li><a href="https://news{k}{i}.test/story">Story {k}.{i}</a> via reader mail</li>'
            for i in range(5)
        )
        + "</ul>"
        for k in range(3)
    )
    + "</article>",
)
ENLACES_ES = doc(
    "Enlaces de interés",
    "<h1>Enlaces de interés</h1>"
    + "".join(
        f"<h2>Categoría {k}</h2><ul>"
        + "".join(
            f'<li><a href="https://sitio{k}{i}.test/">Sitio {k}.{i}</a>: huerto urbano</li>'
            for i in range(4)
        )
        + "</ul>"
        for k in range(3)
    ),
    lang="es",
)
BR_LINK_PAGE = doc(
    "My links",
    "<center><font face='Arial'><b>Links I like</b><br>"
    + "".join(
        f'<a href="{u}">Rose club {i}</a> - roses and more<br>'
        for i, u in enumerate(sites(10, "roseclub"))
    )
    + "</font></center>",
)

FRIEND_LINKS_ZH = doc(
    "友情链接 | 花园笔记",
    "<h1>友情链接</h1><p>欢迎交换友链，请在留言板留言。</p><div class='friends'>"
    + "".join(
        f"<div class='friend'><a href='{u}'><img src='/a{i}.png' alt='朋友{i}'>"
        f"<span>朋友的博客{i}</span></a><p>记录生活与园艺</p></div>"
        for i, u in enumerate(sites(5, "pengyou"))
    )
    + "</div>",
    lang="zh",
)
LIENS_UTILES_SHORT = doc(
    "Liens utiles",
    "<h1>Liens utiles</h1><ul>"
    + "".join(
        f"<li><a href='{u}'>Association {i}</a></li>" for i, u in enumerate(sites(5, "association"))
    )
    + "</ul>",
    lang="fr",
)
FRIENDS_KO = doc(
    "링크",
    "<h1>링크</h1>"
    + "".join(f"<p><a href='{u}'>친구 블로그 {i}</a></p>" for i, u in enumerate(sites(6, "chingu")))
    + "<p>링크 교환은 댓글로 남겨 주세요.</p>",
    lang="ko",
)
AWESOME_REPOS = doc(
    "Awesome gardening tools",
    "<h1>Awesome gardening tools</h1><p>Open-source software for gardeners.</p><ul>"
    + "".join(
        f"<li><a href='https://github.com/grower{i}/tool{i}'>tool{i}</a> - Plans beds and "
        "rotations.</li>"
        for i in range(8)
    )
    + "<li><a href='https://sowing.test/'>Sowing calendar</a> - A web app.</li>"
    "<li><a href='https://plots.test/'>Plots</a> - Allotment planner.</li></ul>",
)

RESOURCE_PAGES = [
    (f"{SITE}/useful-links/", UL_LIST),
    (f"{SITE}/where-to-buy/", DIRECTORY_TABLE),
    (f"{SITE}/werkzeuge/", DEFINITION_LIST_DE),
    (f"{SITE}/favourite-blogs/", CARD_GRID),
    (f"{SITE}/2024/05/roundup-42/", ROUNDUP_POST),
    (f"{SITE}/enlaces/", ENLACES_ES),
    (f"{SITE}/~me/links.html", BR_LINK_PAGE),
    (f"{SITE}/link/", FRIEND_LINKS_ZH),
    (f"{SITE}/liens-utiles/", LIENS_UTILES_SHORT),
    (f"{SITE}/links/", FRIENDS_KO),
    (f"{SITE}/awesome/", AWESOME_REPOS),
]

# -- look-alikes --------------------------------------------------------------------------

ARTICLE_ABOUT_LINKS = doc(
    "Why broken links hurt your site (and how to fix them)",
    "<article><h1>Why broken links hurt your site</h1>"
    + "".join(
        f"<p>{SENTENCE * 3}As <a href='https://expert{i}.test/post'>this study</a> shows, "
        f"broken links cost readers. {SENTENCE * 2}</p>"
        for i in range(8)
    )
    + "</article>",
)
LONG_ARTICLE_WITH_FURTHER_READING = doc(
    "The history of composting",
    "<article><h1>The history of composting</h1>"
    + "".join(
        f"<p>{SENTENCE * 4}See <a href='https://history{i}.test/'>the archive</a>.</p>"
        for i in range(8)
    )
    + "<h2>Further reading</h2><ul>"
    + "".join(f'<li><a href="https://book{i}.test/">Book {i}</a></li>' for i in range(4))
    + "</ul></article>",
)
TAG_ARCHIVE = doc(
    "Tag: resources – Garden Notes",
    "<h1>Posts tagged resources</h1>"
    + "".join(
        f"<article class='post'><h2><a href='/2024/0{i % 9 + 1}/post-{i}/'>Post {i}</a></h2>"
        f"<p>{SENTENCE}</p><a href='/2024/0{i % 9 + 1}/post-{i}/'>Read more</a></article>"
        for i in range(10)
    )
    + "<p>Also see <a href='https://friend.test/'>a friend</a>.</p>",
)
HTML_SITEMAP = doc(
    "Sitemap",
    "<h1>Sitemap</h1><ul>"
    + "".join(f'<li><a href="/page-{i}/">Page {i}</a></li>' for i in range(80))
    + "</ul>",
)
PRESS_PAGE = doc(
    "In the press – Garden Notes",
    "<h1>In the press</h1><ul>"
    + "".join(
        f'<li><a href="https://newspaper{i}.test/2024/garden-notes">Newspaper {i}</a>: '
        "a feature on our community garden.</li>"
        for i in range(10)
    )
    + "</ul>",
)
POST_WITH_BLOGROLL = doc(
    "Planting garlic in autumn",
    "<article><h1>Planting garlic in autumn</h1>"
    + f"<p>{SENTENCE * 6}</p>" * 4
    + "<p>Bulbs from <a href='https://bulbs.test/'>this shop</a>.</p></article>",
    aside="<aside class='sidebar'><h3>Blogroll</h3><ul>"
    + "".join(f'<li><a href="{u}">Friend {i}</a></li>' for i, u in enumerate(sites(20, "friend")))
    + "</ul></aside>",
)
COMMENTS_FULL_OF_LINKS = doc(
    "Resources for beginners? Ask the community",
    "<article><h1>Resources for beginners?</h1><p>Where do I start?</p></article>"
    "<section id='comments'><ol class='commentlist'>"
    + "".join(
        f"<li class='comment'><a href='https://commenter{i}.test/' rel='external nofollow ugc'>"
        f"Commenter {i}</a> Try my site!</li>"
        for i in range(15)
    )
    + "</ol></section>",
)
REVIEW_ROUNDUP = doc(
    "Best garden hoses of 2025",
    "<h1>Best garden hoses of 2025</h1>"
    + "".join(
        f"<div class='product'><h3>Hose {i}</h3><p>{SENTENCE * 6}</p>"
        f"<a href='https://retailer{i}.test/hose-{i}'>Check price</a></div>"
        for i in range(8)
    ),
)

# One outbound link in each short paragraph of a post: paragraphs of prose, not entries.
LINK_PER_PARAGRAPH = doc(
    "Ten things I learned about soil this year",
    "<article><h1>Ten things I learned about soil</h1>"
    + "".join(
        f"<p>Soil is alive, and I learned it the hard way in the spring when "
        f"<a href='https://soil{i}.test/study'>this study</a> showed how worms move "
        f"nutrients through the beds.</p>"
        for i in range(10)
    )
    + "</article>",
)
PERSONAL_HOME = doc(
    "Jane Doe – gardener and teacher",
    "<h1>Jane Doe</h1><p>" + SENTENCE * 8 + "</p><p>" + SENTENCE * 5 + "</p>"
    "<h2>Elsewhere</h2><ul>"
    + "".join(
        f"<li><a href='https://{name}.test/jane'>{name.title()}</a></li>"
        for name in ("github", "mastodon", "linkedin", "scholar", "youtube")
    )
    + "</ul><h2>Teaching</h2><p>"
    + SENTENCE * 4
    + "</p>",
)
NEWS_LIST = doc(
    "News",
    "<h1>News</h1><ul>"
    + "".join(
        f"<li>{d} May 2024 – Our talk at <a href='https://conf{d}.test/'>Garden Days</a>.</li>"
        for d in range(1, 13)
    )
    + "</ul>",
)
PUBLICATIONS = doc(
    "Publications",
    "<h1>Publications</h1><ol>"
    + "".join(
        f"<li>J. Doe, A. Smith, and B. Lee. <a href='https://journal{i}.test/p{i}'>Soil "
        f"carbon in raised beds, part {i}</a>. Journal of Horticulture, 12({i}), 20{10 + i}."
        "</li>"
        for i in range(8)
    )
    + "</ol>",
)
# A short personal page: a line about the author and where else to find them.
SHORT_PERSONAL_PAGE = doc(
    "Jane Doe",
    "<h1>Jane Doe</h1><p>Gardener in Leeds.</p><ul>"
    + "".join(
        f"<li><a href='{url}'>{name}</a></li>"
        for name, url in (
            ("GitHub", "https://github.com/janedoe"),
            ("Mastodon", "https://mastodon.social/@janedoe"),
            ("LinkedIn", "https://www.linkedin.com/in/janedoe/"),
            ("Google Scholar", "https://scholar.google.com/citations?user=abc"),
            ("ORCID", "https://orcid.org/0000-0002-1825-0097"),
            ("Instagram", "https://www.instagram.com/janedoe/"),
        )
    )
    + "</ul>",
)
TEACHING_PAGE = doc(
    "Teaching",
    "<h1>Teaching</h1><ul>"
    + "".join(
        f"<li><a href='https://course{i}.test/'>Soil science {i}</a>, {term} 20{18 + i}, "
        "lecturer</li>"
        for i, term in enumerate(("Fall", "Spring", "Fall", "Spring", "Fall", "Winter"))
    )
    + "</ul>",
)

LOOK_ALIKES = [
    (f"{SITE}/blog/why-broken-links-hurt/", ARTICLE_ABOUT_LINKS),
    (f"{SITE}/blog/history-of-composting/", LONG_ARTICLE_WITH_FURTHER_READING),
    (f"{SITE}/tag/resources/", TAG_ARCHIVE),
    (f"{SITE}/sitemap/", HTML_SITEMAP),
    (f"{SITE}/press/", PRESS_PAGE),
    (f"{SITE}/2024/10/garlic/", POST_WITH_BLOGROLL),
    (f"{SITE}/forum/resources-for-beginners/", COMMENTS_FULL_OF_LINKS),
    (f"{SITE}/reviews/best-garden-hoses/", REVIEW_ROUNDUP),
    (f"{SITE}/2024/12/ten-things-soil/", LINK_PER_PARAGRAPH),
    (f"{SITE}/", PERSONAL_HOME),
    (f"{SITE}/news/", NEWS_LIST),
    (f"{SITE}/publications/", PUBLICATIONS),
    (f"{SITE}/about/", SHORT_PERSONAL_PAGE),
    (f"{SITE}/teaching/", TEACHING_PAGE),
]
