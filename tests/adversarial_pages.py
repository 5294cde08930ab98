"""Pages written to stall a page reader, and a real-shaped news front page.

Each is generated (deterministic, no file to keep in sync): the shapes that made regular
expressions backtrack or parsers go deep. ``news_front_page`` is shaped like the page
that froze a crawl for a minute: a 130 KB front page whose CMS leaves empty ad and widget
slots with ids, each followed by HTML comments (84 in all) that mark where blocks begin
and end; its markup follows what WordPress news themes print (header, nav, teaser
articles, sidebar widgets, footer), written for this test, not copied from a site.
"""

from __future__ import annotations

MB = 1024 * 1024

_HEAD = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
)
_TAIL = (
    "<p><a href='http://live.test/ok'>a live link</a> "
    "<a href='http://live.test/missing'>a dead link</a></p></body></html>"
)


def _page(title: str, body: str) -> str:
    return _HEAD.format(title=title) + body + _TAIL


def comments_after_empty_containers(n: int = 2000) -> str:
    """Empty containers with ids, each followed by comments and never closed."""
    return _page(
        "Comments",
        "<script>var x = 'listing';</script>"
        + "<div id='listing'>" * 50
        + "<!-- slot -->\n" * n
        + "<p>text</p>",
    )


def megabyte_attribute(size: int = 2 * MB) -> str:
    """One attribute value of megabytes: class names, ids and quotes that never end."""
    value = ("id=class= src=x http-equiv=refresh " * (size // 36))[:size]
    return _page("Attribute", f"<div class=\"{value}\"><a href='/x' title='{value}'>x</a></div>")


def nested_unclosed_tags(n: int = 100_000) -> str:
    """100,000 nested unclosed tags (deeper than libxml2 goes)."""
    return _page("Nested", "<div><font><span>" * (n // 3) + "deep text")


def long_runs(size: int = MB) -> str:
    """Runs of spaces, digits and punctuation where patterns expect few."""
    runs = "".join(ch * (size // 8) for ch in (" ", "1", ",", ".", "-", "@", "<", "'"))
    return _page("404 not found 1,000 words $1 " + " " * 1000, f"<p>{runs}</p>")


def single_line_script(size: int = 5 * MB) -> str:
    """A 5 MB script on one line, full of URLs, tags and comment openers."""
    unit = "a=\"https:\\/\\/other.test\\/x\";b='<div id=\"root\">';c='<!--';"
    return _page(
        "Script", "<div id='root'></div><script>" + unit * (size // len(unit)) + "</script>"
    )


def binary_as_html(size: int = MB) -> bytes:
    """Bytes that are no text at all, served as text/html."""
    seed, out = 12345, bytearray()
    while len(out) < size:
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        out += seed.to_bytes(4, "little")
    return bytes(out[:size])


def unclosed_everything(n: int = 60_000) -> str:
    """Openers of every scanned element, none closed: script, style, title, comments."""
    return _page(
        "Unclosed",
        "<script><style><noscript><title><h1><!--<meta http-equiv=refresh content=" * (n // 8),
    )


def news_front_page() -> str:
    """A real-shaped 130 KB news front page with 84 comments after empty slots."""
    parts = [
        "<!DOCTYPE html><html lang='en-US'><head><meta charset='UTF-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>The Daily Ledger &#8211; News, analysis and opinion</title>",
        "<link rel='stylesheet' href='/wp-content/themes/ledger/style.css?ver=6.4'>",
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push("
        "arguments)}gtag('js',new Date());gtag('config','G-LEDGER01');</script>",
        "<script src='https://www.googletagmanager.com/gtag/js?id=G-LEDGER01' async></script>",
        "</head><body class='home page-template-default wp-custom-logo'>",
        "<header id='masthead' class='site-header'><div class='site-branding'>",
        "<a href='/' rel='home'>The Daily Ledger</a></div>",
        "<nav id='site-navigation' class='main-navigation'><ul id='primary-menu' class='menu'>",
    ]
    for section in ("World", "Politics", "Business", "Tech", "Science", "Culture", "Sport"):
        parts.append(
            f"<li class='menu-item'><a href='/category/{section.lower()}/'>{section}</a></li>"
        )
    parts.append("</ul></nav></header><main id='main' class='site-main'>")
    comments = 0
    for block in range(28):
        # an ad slot the ad script fills, with the comments the CMS prints around it
        parts.append(
            f"<div id='div-gpt-ad-{1600000000 + block}-0' class='ad-slot ad-leaderboard'>"
            f"</div><!-- /ad-slot {block} -->\n<!-- .ad-wrapper -->\n"
        )
        comments += 2
        parts.append(f"<section class='teaser-block block-{block}'><!-- teaser block {block} -->")
        comments += 1
        for item in range(4):
            n = block * 4 + item
            parts.append(
                f"<article id='post-{8800 + n}' class='post type-post status-publish "
                f"format-standard has-post-thumbnail category-news'>"
                f"<a href='/2026/12/03/story-{n}/'><img src='/wp-content/uploads/2026/12/"
                f"story-{n}-768x432.jpg' alt='' loading='lazy' width='768' height='432'></a>"
                f"<h2 class='entry-title'><a href='/2026/12/03/story-{n}/'>Story number {n}: "
                f"what the council decided about the harbour and the new rail line</a></h2>"
                f"<div class='entry-summary'><p>The council met on Tuesday evening and agreed "
                f"on a plan that residents have argued about for a decade; here is what "
                f"changes for commuters, shop owners and the {n} families on the quay.</p>"
                f"</div><span class='byline'>By <a href='/author/staff-{n % 9}/'>Staff "
                f"writer {n % 9}</a></span> <time datetime='2026-12-03T0{n % 10}:00:00'>"
                f"3 December 2026</time></article>"
            )
        parts.append("</section>")
    parts.append("</main><aside id='secondary' class='widget-area'>")
    for widget in range(10):
        parts.append(
            f"<section id='custom_html-{widget}' class='widget widget_custom_html'>"
            f"<div class='textwidget custom-html-widget'></div></section>"
            f"<!-- widget {widget} -->\n"
        )
        comments += 1
    parts.append(
        "<section class='widget'><h2>Partners</h2><ul>"
        "<li><a href='http://live.test/ok'>Harbour trust</a></li>"
        "<li><a href='http://live.test/missing'>Old rail archive</a></li></ul></section>"
    )
    parts.append("</aside><footer id='colophon' class='site-footer'>")
    parts.append(
        "<p>&copy; 2026 The Daily Ledger. <a href='/contact/'>Contact</a> "
        "<a href='mailto:newsdesk@ledger.test'>newsdesk@ledger.test</a></p></footer>"
    )
    while comments < 84:
        parts.append(f"<!-- cached page generated in {comments}.0 ms -->\n")
        comments += 1
    parts.append("</body></html>")
    html = "".join(parts)
    return html + "\n" + " " * max(0, 131_000 - len(html))


#: (name, page) for the tests and the benchmark; bytes are served as text/html as-is.
ADVERSARIAL_PAGES = (
    ("comments_after_empty_containers", comments_after_empty_containers),
    ("megabyte_attribute", megabyte_attribute),
    ("nested_unclosed_tags", nested_unclosed_tags),
    ("long_runs", long_runs),
    ("single_line_script", single_line_script),
    ("binary_as_html", binary_as_html),
    ("unclosed_everything", unclosed_everything),
    ("news_front_page", news_front_page),
)
