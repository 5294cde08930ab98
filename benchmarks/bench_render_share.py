"""How many pages of an ordinary web the render rule sends to the browser, and its cost.

Generates an ordinary web offline: pages from several CMS and site-builder skeletons
(WordPress, Drupal, Hugo, Shopify, Wix, Squarespace, phpBB, a news site), each carrying
a random mix of the scripts ordinary sites have (analytics, tag managers, pixels, consent
managers, JSON-LD, social and comment widgets, CMS configuration, menus, sliders), and a
small share of resource pages whose link list a script builds. Every page goes through
the real extractor and ``needs_rendering`` exactly as the spider calls them.

    python benchmarks/bench_render_share.py [--pages 3000] [--seed 7]

Prints the rendered share of the ordinary pages (want <= 5%), the share of script-built
lists found (want 100%), the reasons, and the decision's CPU time per page.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linkprospector.reading.extract import extract_links  # noqa: E402
from linkprospector.reading.rendering import needs_rendering  # noqa: E402

MAX_ORDINARY_SHARE = 0.05

SNIPPETS = {
    "ga4": """<script async src="https://www.googletagmanager.com/gtag/js?id=G-{n}"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}
gtag('js',new Date());gtag('config','G-{n}');</script>""",
    "gtm": """<script>(function(w,d,s,l,i){{w[l]=w[l]||[];w[l].push({{'gtm.start':
new Date().getTime(),event:'gtm.js'}});var f=d.getElementsByTagName(s)[0],j=d.createElement(s);
j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);
}})(window,document,'script','dataLayer','GTM-{n}');</script>""",
    "fb_pixel": """<script>!function(f,b,e,v,n,t,s){{n=f.fbq=function(){{}};t=b.createElement(e);
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}}(window,document,'script',
'https://connect.facebook.net/en_US/fbevents.js');fbq('init','{n}');</script>
<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id={n}&ev=PageView"></noscript>""",
    "hotjar": """<script>(function(h,o,t,j,a,r){{h.hj=h.hj||function(){{}};h._hjSettings={{hjid:{n}}};
a=o.getElementsByTagName('head')[0];r=o.createElement('script');r.async=1;
r.src=t+h._hjSettings.hjid+j;a.appendChild(r);}})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=6');</script>""",
    "matomo": """<script>var _paq=window._paq=window._paq||[];_paq.push(['trackPageView']);
(function(){{var u="https://analytics.{host}/";_paq.push(['setTrackerUrl',u+'matomo.php']);}})();</script>""",
    "onetrust": """<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="{n}"></script>
<script>function OptanonWrapper(){{}}</script><div id="onetrust-consent-sdk"></div>""",
    "cookiebot": """<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="{n}"></script>""",
    "jsonld_org": """<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Organization",
"url":"https://{host}/","logo":"https://{host}/logo.png","sameAs":["https://www.facebook.com/x{n}",
"https://twitter.com/x{n}","https://www.linkedin.com/company/x{n}","https://www.youtube.com/@x{n}",
"https://github.com/x{n}","https://mastodon.social/@x{n}"]}}</script>""",
    "jsonld_breadcrumb": """<script type="application/ld+json">{{"@context":"https://schema.org",
"@type":"BreadcrumbList","itemListElement":[{{"@type":"ListItem","position":1,"item":"https://{host}/"}},
{{"@type":"ListItem","position":2,"item":"https://{host}/blog/"}}]}}</script>""",
    "share_buttons": """<div class="share"><script>var shareLinks={{fb:"https://www.facebook.com/sharer/sharer.php?u=",
tw:"https://twitter.com/intent/tweet?url=",li:"https://www.linkedin.com/sharing/share-offsite/?url=",
pin:"https://pinterest.com/pin/create/button/?url=",rd:"https://www.reddit.com/submit?url="}};</script></div>""",
    "disqus": """<div id="disqus_thread"></div><script>var disqus_config=function(){{this.page.url=
'https://{host}/p/{n}';}};(function(){{var d=document,s=d.createElement('script');
s.src='https://site{n}.disqus.com/embed.js';(d.head||d.body).appendChild(s);}})();</script>""",
    "wp_config": """<script id="wp-emoji-settings">window._wpemojiSettings={{"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/",
"svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/svg\\/"}};</script>
<script>var wpApiSettings={{"root":"https:\\/\\/{host}\\/wp-json\\/","nonce":"{n}"}};</script>""",
    "wix_config": """<script>window.viewerModel={{"siteAssets":{{"clientTopology":{{"mediaRootUrl":"https://static.wixstatic.com",
"staticMediaUrl":"https://static.wixstatic.com/media","moduleRepoUrl":"https://static.parastorage.com/unpkg",
"fileRepoUrl":"https://static.parastorage.com/services","siteAssetsUrl":"https://siteassets.parastorage.com",
"pageJsonServerUrls":["https://pages.parastorage.com","https://staticorigin.wixstatic.com"]}}}},
"requestUrl":"https://{host}/","site":{{"externalBaseUrl":"https://{host}"}}}};</script>""",
    "shopify_meta": """<script>var meta={{"product":{{"id":{n},"vendor":"x"}},"page":{{"pageType":"product"}}}};
window.ShopifyAnalytics=window.ShopifyAnalytics||{{}};window.Shopify={{"shop":"x{n}.myshopify.com",
"cdnHost":"{host}/cdn","routes":{{"root":"/"}}}};</script>
<script src="https://cdn.shopify.com/s/trekkie.storefront.min.js"></script>""",
    "squarespace": """<script>Static.SQUARESPACE_CONTEXT={{"website":{{"baseUrl":"https://{host}",
"authenticUrl":"https://{host}"}},"cdnUrl":"https://static1.squarespace.com/static/{n}/"}};</script>""",
    "menu_js": """<script>document.querySelectorAll('.menu-item-has-children > a').forEach(function(a){{
a.addEventListener('click',function(e){{e.preventDefault();a.parentNode.classList.toggle('open');}});}});</script>""",
    "slider": """<div class="hero-slider" id="slider-{n}"></div><script>new Swiper('#slider-{n}',{{loop:true,
autoplay:{{delay:5000}}}});</script>""",
    "recaptcha": """<script src="https://www.google.com/recaptcha/api.js" async defer></script>
<div class="g-recaptcha" data-sitekey="{n}"></div>""",
    "intercom": """<script>window.intercomSettings={{api_base:"https://api-iam.intercom.io",app_id:"{n}"}};
(function(){{var s=document.createElement('script');s.src='https://widget.intercom.io/widget/{n}';}})();</script>""",
    "youtube_embed": """<div class="video"><iframe src="https://www.youtube.com/embed/{n}"></iframe></div>
<script>var tag=document.createElement('script');tag.src="https://www.youtube.com/iframe_api";</script>""",
}


def skeleton(kind: str, host: str, title: str, main: str, scripts: str, rng: random.Random) -> str:
    nav = "".join(
        f'<li class="menu-item"><a href="/{kind}/s{i}/">Topic {i}</a></li>'
        for i in range(rng.randint(6, 40))
    )
    footer = "".join(f'<a href="/f{i}">Footer {i}</a> ' for i in range(rng.randint(2, 15)))
    sidebar = "".join(
        f'<li><a href="/posts/{rng.randint(1, 999)}">Recent post {i}</a></li>'
        for i in range(rng.randint(0, 10))
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/{kind}.css"><script src="/{kind}.js"></script></head>'
        f'<body class="{kind}"><header><a href="/">{host}</a><nav><ul>{nav}</ul></nav></header>'
        f"<main>{main}</main><aside><ul>{sidebar}</ul></aside>"
        f"<footer>{footer}</footer>{scripts}</body></html>"
    )


CMS = ("wordpress", "drupal", "hugo", "shopify", "wix", "squarespace", "phpbb", "news")


def ordinary_page(rng: random.Random, n: int) -> tuple[str, str]:
    kind = rng.choice(CMS)
    host = f"site{n % 400}.example"
    words = " ".join(rng.choice(("soil", "seed", "water", "sun", "compost")) for _ in range(300))
    links = "".join(
        f'<a href="https://ext{rng.randint(1, 5000)}.example/page">ref</a> '
        for _ in range(rng.randint(0, 30))
    )
    main = f"<h1>Post {n}</h1><p>{words}</p><p>{links}</p>"
    chosen = rng.sample(sorted(SNIPPETS), rng.randint(0, 5))
    scripts = "".join(SNIPPETS[name].format(n=n, host=host) for name in chosen)
    url = f"https://{host}/{kind}/post-{n}/"
    return url, skeleton(kind, host, f"Post {n}", main, scripts, rng)


def script_list_page(rng: random.Random, n: int) -> tuple[str, str]:
    host = f"club{n}.example"
    items = [
        [f"https://resource{n}-{i}.example/", f"Resource {i}"] for i in range(rng.randint(4, 40))
    ]
    builder = rng.choice(
        [
            f"<div id='app-links'></div><script>var L={json.dumps(items)};"
            "document.getElementById('app-links').innerHTML=L.map(function(x){return "
            "'<a href=\"'+x[0]+'\">'+x[1]+'</a>'}).join('');</script>",
            f'<script type="application/json" id="bookmarks">{json.dumps(items)}</script>'
            "<ul id='bookmark-list'></ul><script>JSON.parse(document.getElementById('bookmarks')"
            ".textContent).forEach(function(x){/* render */});</script>",
            "<ul class='resources'><li>Loading…</li></ul><script src='/render-links.js'></script>",
        ]
    )
    url = f"https://{host}/links/"
    return url, skeleton(
        "wordpress", host, "Useful links", "<h1>Useful links</h1>" + builder, "", rng
    )


def decide(url: str, html: str, raw: list[str] | None = None) -> str | None:
    if raw is None:
        raw = [link.url for link in extract_links(html, url).links]
    return needs_rendering(html, len(raw), raw_links=raw, page_url=url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000, help="ordinary pages (default 3000)")
    parser.add_argument("--lists", type=int, default=60, help="script-built list pages")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    ordinary = [ordinary_page(rng, n) for n in range(args.pages)]
    lists = [script_list_page(rng, n) for n in range(args.lists)]
    reasons: Counter[str] = Counter()
    raw_links = [[link.url for link in extract_links(html, url).links] for url, html in ordinary]
    started = time.process_time()
    rendered = 0
    for (url, html), raw in zip(ordinary, raw_links, strict=True):
        reason = decide(url, html, raw)
        if reason:
            rendered += 1
            reasons[reason] += 1
    cpu = time.process_time() - started
    found = sum(1 for url, html in lists if decide(url, html))
    share = rendered / max(len(ordinary), 1)
    recall = found / max(len(lists), 1)
    ok_share = share <= MAX_ORDINARY_SHARE
    print(
        f"ordinary pages: {len(ordinary)} from {len(CMS)} skeletons, {len(SNIPPETS)} script kinds"
    )
    print(
        f"  rendered share of ordinary pages:  {share:.1%}  "
        f"(want <= {MAX_ORDINARY_SHARE:.0%})  {'ok' if ok_share else 'FAIL'}"
    )
    print(f"  reasons: {dict(reasons) or 'none'}")
    print(
        f"  script-built lists found:          {found}/{len(lists)}  "
        f"{'ok' if recall == 1 else 'FAIL'}"
    )
    print(f"  CPU per page of the decision:      {1000 * cpu / max(len(ordinary), 1):.3f} ms")
    return 0 if ok_share and recall == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
