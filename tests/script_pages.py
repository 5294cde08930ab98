"""Resource pages whose link list a script builds, written several independent ways, each
on an ordinary page with plenty of navigation and footer links; and ordinary pages whose
scripts are analytics, tag managers, JSON-LD, consent and social widgets (negatives).

``script_page(style, host, links)`` returns the HTML; ``links`` are (url, text) pairs.
"""

from __future__ import annotations

import json

NAV = "".join(f'<li><a href="/section-{i}/">Section {i}</a></li>' for i in range(18))
FOOTER = "".join(f'<a href="/legal/{i}">Legal {i}</a> ' for i in range(8))


def _frame(host: str, title: str, main: str, scripts: str = "", head: str = "") -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title>{head}
<script src="/assets/site.js" defer></script></head><body>
<header><a href="/">{host}</a><nav><ul>{NAV}</ul></nav></header>
<main><h1>{title}</h1><p>Our members' favourite sites, checked by hand every season.</p>
{main}</main>
<footer>{FOOTER}<p>&copy; 2025 {host}</p></footer>
{scripts}</body></html>"""


def _array_create_element(host: str, links: list[tuple[str, str]]) -> str:
    data = json.dumps([{"url": u, "title": t} for u, t in links])
    script = f"""<script>
var resources = {data};
var list = document.getElementById('resource-list');
resources.forEach(function (r) {{
  var li = document.createElement('li'); var a = document.createElement('a');
  a.href = r.url; a.textContent = r.title; li.appendChild(a); list.appendChild(li);
}});
document.getElementById('loading').remove();
</script>"""
    main = '<p id="loading">Loading links…</p><ul id="resource-list"></ul>'
    return _frame(host, "Useful links", main, script)


def _json_data_block(host: str, links: list[tuple[str, str]]) -> str:
    data = json.dumps({"links": [[u, t] for u, t in links]})
    script = f"""<script type="application/json" id="links-data">{data}</script>
<script>
(function () {{
  const data = JSON.parse(document.getElementById("links-data").textContent);
  const table = document.querySelector("#directory tbody");
  for (const [href, name] of data.links) {{
    const row = table.insertRow(); const cell = row.insertCell();
    cell.innerHTML = '<a href="' + href + '">' + name + '</a>';
  }}
}})();
</script>"""
    main = '<table id="directory"><thead><tr><th>Site</th></tr></thead><tbody></tbody></table>'
    return _frame(host, "Resource directory", main, script)


def _fetched_json(host: str, links: list[tuple[str, str]]) -> str:
    """The URLs are not in the page at all: a script fetches them (``/links.json``)."""
    script = """<script>
fetch('/links.json').then(function (r) { return r.json(); }).then(function (items) {
  var ul = document.querySelector('.link-list');
  items.forEach(function (it) {
    ul.insertAdjacentHTML('beforeend', '<li><a href="' + it[0] + '">' + it[1] + '</a></li>');
  });
});
</script>"""
    main = '<ul class="link-list"><li>Loading…</li></ul>'
    return _frame(host, "Recommended sites", main, script)


def _template_string(host: str, links: list[tuple[str, str]]) -> str:
    items = ",\n  ".join(f'["{u}", "{t}"]' for u, t in links)
    script = f"""<script>
const picks = [
  {items}
];
document.querySelector("[data-links]").innerHTML = picks
  .map(([u, t]) => `<li><a href="${{u}}" rel="noopener">${{t}}</a></li>`)
  .join("");
</script>"""
    main = '<ol data-links class="picks"></ol>'
    return _frame(host, "Further reading", main, script)


def _escaped_document_write(host: str, links: list[tuple[str, str]]) -> str:
    """A CMS that serialises its data with escaped slashes (``https:\\/\\/``)."""
    data = json.dumps([[u, t] for u, t in links]).replace("/", "\\/")
    script = f"""<script>
var L = {data};
for (var i = 0; i < L.length; i++) {{
  document.write('<p class="res"><a href="' + L[i][0] + '">' + L[i][1] + '</a></p>');
}}
</script>"""
    return _frame(host, "Links", "<div class='res-wrap'>" + script + "</div>")


#: style name -> builder
SCRIPT_STYLES = {
    "array_create_element": _array_create_element,
    "json_data_block": _json_data_block,
    "fetched_json": _fetched_json,
    "template_string": _template_string,
    "escaped_document_write": _escaped_document_write,
}


def script_page(style: str, host: str, links: list[tuple[str, str]]) -> str:
    """A resource page on ``host`` whose list of ``links`` is built by a script."""
    return SCRIPT_STYLES[style](host, links)


# -- negatives: ordinary pages with scripts that are not link lists --------------------

TEXT = "<p>" + "We grow vegetables in raised beds and write about it every week. " * 8 + "</p>"

ANALYTICS = """<script async src="https://www.googletagmanager.com/gtag/js?id=G-X1"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}
gtag('js', new Date()); gtag('config', 'G-X1', {page_path: location.pathname});</script>
<script>(function(w,d,s,l,i){w[l]=w[l]||[];var f=d.getElementsByTagName(s)[0],
j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;
f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-ABC');</script>
<script>var _paq = window._paq = []; _paq.push(['setTrackerUrl', 'https://stats.example-analytics.io/matomo.php']);</script>"""
JSON_LD = """<script type="application/ld+json">{"@context": "https://schema.org",
"@type": "Organization", "url": "https://garden.test/", "sameAs": [
"https://www.facebook.com/gardenclub", "https://twitter.com/gardenclub",
"https://www.instagram.com/gardenclub", "https://www.youtube.com/@gardenclub",
"https://mastodon.social/@gardenclub", "https://www.pinterest.com/gardenclub"]}</script>"""
CONSENT = """<div id="onetrust-consent-sdk"></div>
<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="x"></script>
<script>function OptanonWrapper() { document.getElementById('onetrust-consent-sdk').hidden = false;
var policy = "https://www.onetrust.com/privacy/"; var vendors = "https://vendor-list.consensu.org/v2/vendor-list.json"; }</script>
<div id="CybotCookiebotDialog"></div><script id="Cookiebot" src="https://consent.cookiebot.com/uc.js"></script>"""
SOCIAL = """<div id="fb-root"></div>
<script async defer crossorigin="anonymous" src="https://connect.facebook.net/en_US/sdk.js#xfbml=1"></script>
<a class="twitter-timeline" href="https://twitter.com/gardenclub">Tweets</a>
<script async src="https://platform.twitter.com/widgets.js"></script>
<div id="disqus_thread"></div><script>var disqus_config = function () {
this.page.url = 'https://garden.test/post'; };
(function() { var d = document, s = d.createElement('script');
s.src = 'https://garden-club.disqus.com/embed.js'; (d.head || d.body).appendChild(s); })();</script>"""
OWN_SITE_CONFIG = """<script>var wpApiSettings = {"root": "https://garden.test/wp-json/",
"nonce": "abc", "home": "https://garden.test/", "ajax": "https://garden.test/wp-admin/admin-ajax.php",
"shop": "https://shop.garden.test/", "cdn": "https://cdn.garden.test/"};</script>"""
CDN_ASSETS = """<script>var assets = ["https://cdn.jsdelivr.net/npm/alpinejs@3/dist/cdn.min.js",
"https://unpkg.com/htmx.org@1.9.0/dist/htmx.min.js", "https://assets.other-cdn.test/app.9f3.js",
"https://assets.other-cdn.test/fonts/inter.woff2", "https://img.other-cdn.test/hero.webp"];</script>"""
SAME_AS_RAW = """<ul><li><a href="https://seeds-a.test/">Seeds A</a></li>
<li><a href="https://seeds-b.test/">Seeds B</a></li><li><a href="https://seeds-c.test/">Seeds C</a></li></ul>
<script>var tooltips = {"https://seeds-a.test/": "Heirlooms", "https://seeds-b.test/": "Organic",
"https://seeds-c.test/": "Local"};</script>"""
MENU_SCRIPT = """<ul class="sub-menu"></ul><div class="clearfix"></div><div id="weather-widget"></div>
<script>document.querySelectorAll('.sub-menu').forEach(function (m) { m.classList.add('ready'); });
document.getElementById('weather-widget').textContent = 'Sunny';</script>"""
COMMENTS_LOADING = """<div id="comments"><p>Loading comments…</p></div>
<script src="/assets/comments.js"></script>"""

#: name -> HTML of an ordinary server-rendered page with that kind of script.
NEGATIVE_PAGES = {
    "analytics_and_tag_manager": _frame("garden.test", "Tomato diary", TEXT, ANALYTICS),
    "json_ld": _frame("garden.test", "About us", TEXT, head=JSON_LD),
    "consent_manager": _frame("garden.test", "Blog", TEXT, CONSENT),
    "social_and_comments": _frame("garden.test", "Post", TEXT, SOCIAL),
    "own_site_config": _frame("garden.test", "Shop", TEXT, OWN_SITE_CONFIG),
    "cdn_assets": _frame("garden.test", "Home", TEXT, CDN_ASSETS),
    "urls_also_in_raw_links": _frame("garden.test", "Seed links", TEXT + SAME_AS_RAW),
    "menus_and_widgets": _frame("garden.test", "Events", TEXT, MENU_SCRIPT),
    "comments_placeholder": _frame("garden.test", "Essay", TEXT, COMMENTS_LOADING),
}
