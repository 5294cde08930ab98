"""Soft-404 pages and look-alikes written in several independent styles (CMS templates,
languages, page builders), for the table tests and the end-to-end crawl.

Every page here answers 200. ``GONE`` pages say they are missing; ``LOOK_ALIKES`` talk
about missing pages, errors or lost things but are real content.
"""

from __future__ import annotations

PROSE = (
    "A broken link sends a reader nowhere, and search engines notice it too. When a page "
    "moves, the server should answer with a redirect to the new address; when a page is gone "
    "for good, an honest status code tells crawlers to drop it from their index. Many sites "
    "get this wrong: they answer every missing address with their home page, or with a "
    "friendly message and a success status, which leaves the dead address in the index. "
    "Checking your own outbound links every month keeps your pages useful to readers, and "
    "fixing the ones that fail is one of the cheapest improvements you can make. "
)


def _wordpress(title: str, heading: str, text: str, lang: str = "en") -> str:
    widgets = "".join(
        f'<li><a href="/2023/0{i}/post-{i}/">Recent post number {i} about gardening</a></li>'
        for i in range(1, 8)
    )
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title><link rel="stylesheet" href="/wp-content/themes/twentytwenty/style.css">
<script>window._wpemojiSettings = {{"baseUrl": "https://s.w.org/images/core/emoji/"}};</script>
</head><body class="error404 wp-embed-responsive">
<header id="site-header" class="header-footer-group"><div class="header-inner">
<div class="site-title"><a href="/">Garden Notes</a></div>
<nav class="primary-menu-wrapper"><ul><li><a href="/about/">About</a></li>
<li><a href="/blog/">Blog</a></li><li><a href="/contact/">Contact</a></li></ul></nav>
</div></header>
<main id="site-content" role="main">
<div class="section-inner thin error404-content">
<h1 class="entry-title">{heading}</h1>
<div class="intro-text"><p>{text}</p></div>
<form role="search" method="get" class="search-form" action="/"><label>Search for:</label>
<input type="search" name="s"><input type="submit" value="Search"></form>
</div></main>
<div class="footer-nav-widgets-wrapper"><aside class="footer-widgets-outer-wrapper">
<div class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
<ul>{widgets}</ul></div>
<div class="widget widget_text"><h2 class="widget-title">About this site</h2>
<p>Garden Notes is written by two gardeners in a small town. We have grown vegetables,
herbs and flowers for twenty years and share what worked and what did not.</p></div>
</aside></div>
<footer id="site-footer"><p>&copy; 2024 Garden Notes. Proudly powered by
<a href="https://wordpress.org/">WordPress</a></p></footer></body></html>"""


def _drupal(title: str, heading: str, text: str, lang: str = "en") -> str:
    menu = "".join(f'<li><a href="/node/{i}">Section {i}</a></li>' for i in range(20))
    return f"""<!DOCTYPE html><html lang="{lang}" dir="ltr"><head>
<meta name="Generator" content="Drupal 10"><title>{title} | Allotment Society</title></head>
<body class="path-system"><div class="dialog-off-canvas-main-canvas">
<div class="region region-header"><a href="/" rel="home">Allotment Society</a></div>
<div class="region region-primary-menu"><ul class="menu">{menu}</ul></div>
<div class="layout-content"><div class="region region-content">
<h1 class="page-title">{heading}</h1>
<div id="block-mainpagecontent">{text}</div></div></div>
<div class="region region-sidebar-first"><div class="block block-views">
<h2>Upcoming events</h2><ul class="menu">{menu}</ul></div></div>
</div></body></html>"""


def _shop(title: str, heading: str, text: str, lang: str = "de") -> str:
    grid = "".join(
        f'<div class="product-card"><a href="/products/item-{i}"><img src="/i{i}.jpg" '
        f'alt="Produkt {i}"><span>Gartenschere Modell {i}</span></a>'
        f'<span class="price">{10 + i},99 €</span></div>'
        for i in range(12)
    )
    return f"""<!doctype html><html lang="{lang}"><head><title>{title}</title>
<script src="https://cdn.shopify.com/s/files/1/theme.js" defer></script></head><body>
<div class="announcement-bar">Kostenloser Versand ab 50 €</div>
<header class="site-header"><a href="/">Gartenladen</a><nav><a href="/collections/all">Alle
Produkte</a><a href="/pages/kontakt">Kontakt</a></nav></header>
<main id="MainContent" class="content-for-layout">
<div class="template-404 page-width"><h1>{heading}</h1><p>{text}</p>
<a href="/collections/all" class="button">Weiter einkaufen</a></div>
<section class="featured-products"><h2>Beliebte Produkte</h2>{grid}</section>
</main><footer class="site-footer"><p>Gartenladen GmbH, Musterstraße 1, 12345 Berlin.
Alle Preise inkl. MwSt.</p></footer></body></html>"""


def _news(title: str, heading: str, text: str, lang: str = "es") -> str:
    trending = "".join(
        f'<li><a href="/noticias/2024/articulo-{i}.html">Titular de la noticia número {i} '
        f"sobre la actualidad</a></li>"
        for i in range(15)
    )
    return f"""<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<script type="application/ld+json">{{"@type": "WebPage"}}</script></head><body>
<div id="cookie-banner">Usamos cookies para mejorar su experiencia. <button>Aceptar</button></div>
<div class="masthead"><a href="/">El Diario del Huerto</a></div>
<div id="content"><div class="article-removed"><h2>{heading}</h2><p>{text}</p></div>
<div class="related"><h3>Lo más leído</h3><ul>{trending}</ul></div></div>
<div class="footer">El Diario del Huerto &middot; Aviso legal &middot; Privacidad</div>
</body></html>"""


def _builder(title: str, heading: str, text: str, lang: str = "fr") -> str:
    """A page-builder template: divs only, no main/header/footer elements."""
    return f"""<html lang="{lang}"><head><title>{title}</title>
<style>.hero{{background:url(/bg.jpg)}} .cta{{color:#fff}}</style></head><body>
<div class="elementor-section elementor-top-section"><div class="elementor-container">
<div class="elementor-widget-wrap"><div class="elementor-element">
<p class="hero-number" style="font-size:120px">404</p>
<div class="hero-title"><span>{heading}</span></div>
<div class="hero-text">{text}</div>
<div class="cta"><a href="/">Retour à l'accueil</a> <a href="/plan-du-site">Plan du site</a></div>
</div></div></div></div></body></html>"""


def _bare(title: str, heading: str, text: str, lang: str = "ja") -> str:
    return (
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{heading}</h1><p>{text}</p><p><a href='/'>トップページへ</a></p></body></html>"
    )


def _bootstrap(title: str, heading: str, text: str, lang: str = "en") -> str:
    """A framework template: the big "404" is the H1, the words an H2, the title the
    site's name only."""
    return f"""<!doctype html><html lang="{lang}"><head><title>{title}</title>
<link href="/css/bootstrap.min.css" rel="stylesheet"></head><body>
<nav class="navbar navbar-expand-lg"><a class="navbar-brand" href="/">Acme Garden</a>
<ul class="navbar-nav"><li><a href="/shop">Shop</a></li><li><a href="/blog">Blog</a></li></ul></nav>
<div class="container text-center py-5"><h1 class="display-1">404</h1>
<h2>{heading}</h2><p class="lead">{text}</p>
<a class="btn btn-primary" href="/">Go home</a></div></body></html>"""


#: (path, html) of 200 pages that say they are missing, in several styles and languages.
GONE: list[tuple[str, str]] = [
    (
        "/2019/05/old-tomato-guide/",
        _wordpress(
            "Page not found – Garden Notes",
            "Oops! That page can&rsquo;t be found.",
            "It looks like nothing was found at this location. Maybe try a search?",
        ),
    ),
    (
        "/node/8812",
        _drupal(
            "Page not found",
            "Page not found",
            'The requested page "/node/8812" could not be found.',
        ),
    ),
    (
        "/products/rosenschere-classic",
        _shop(
            "Seite nicht gefunden – Gartenladen",
            "404 Seite nicht gefunden",
            "Die von Ihnen gesuchte Seite existiert leider nicht.",
        ),
    ),
    (
        "/noticias/2021/huerto-urbano.html",
        _news(
            "Contenido no disponible | El Diario del Huerto",
            "Este artículo ya no está disponible",
            "Lo sentimos, el contenido que busca ha sido retirado.",
        ),
    ),
    (
        "/guides/compost-en-hiver",
        _builder(
            "Oups ! – Jardin Facile",
            "Oups ! Cette page est introuvable",
            "Elle a peut-être été déplacée ou supprimée.",
        ),
    ),
    (
        "/blog/2020/seeds.html",
        _bare(
            "ページが見つかりません",
            "お探しのページは見つかりませんでした",
            "URLが間違っているか、ページが削除された可能性があります。",
        ),
    ),
    (
        "/shop/heirloom-seed-kit",
        _wordpress(
            "Heirloom seed kit – Garden Notes shop",
            "This product is no longer available",
            "Sorry, this item has been discontinued.",
        ),
    ),
    (
        "/it/guida/potatura",
        _drupal(
            "Pagina non trovata",
            "Pagina non trovata",
            "La pagina richiesta non esiste o è stata rimossa.",
            lang="it",
        ),
    ),
    (
        "/tools/soil-ph-chart",
        _bootstrap(
            "Acme Garden Supplies",
            "We can't seem to find the page you're looking for.",
            "Try the shop or the blog instead.",
        ),
    ),
    (
        "/resources/old-list",
        _builder(
            "Lost? – Seed Library",
            "Looks like you're lost",
            "We looked everywhere for this page.",
            lang="en",
        ),
    ),
]

#: (path, html) of real pages that mention 404s, errors or lost things: all live.
LOOK_ALIKES: list[tuple[str, str]] = [
    (
        "/articles/how-to-fix-404-errors",
        _wordpress(
            "How to fix 404 Not Found errors – Garden Notes",
            "How to fix 404 Not Found errors on your garden blog",
            PROSE * 4,
        ),
    ),
    (
        "/articles/why-broken-links-hurt",
        _wordpress("Why broken links hurt your site", "Why broken links hurt your site", PROSE * 3),
    ),
    (
        "/music/404-not-found-band",
        _drupal(
            "404 Not Found (band)",
            "404 Not Found: the band's discography",
            "<p>" + (PROSE * 3).replace("broken link", "record") + "</p>",
        ),
    ),
    (
        "/policies/lost-and-found",
        _shop(
            "Fundbüro und Rückgabe",
            "Lost and found: our returns policy",
            "Wenn Sie etwas in unserem Laden verloren haben, melden Sie sich bei uns. "
            "Rücksendungen nehmen wir innerhalb von 30 Tagen an.",
        ),
    ),
    (
        "/kontakt",
        _shop("Kontakt – Gartenladen", "Kontakt", "Schreiben Sie uns: info@gartenladen.test"),
    ),
    (
        "/noticias/2024/errores-comunes.html",
        _news(
            "Errores comunes en el huerto",
            "Diez errores comunes en el huerto urbano",
            ("Regar demasiado, plantar muy junto y olvidar el abono son errores frecuentes. " * 25),
        ),
    ),
]
