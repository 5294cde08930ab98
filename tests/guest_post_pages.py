"""Guest-post pages in independent styles and languages, and look-alikes that are not
. Each is (name, html, expected kind)."""

from __future__ import annotations

NAV = '<nav><a href="/">Home</a> <a href="/blog/">Blog</a> <a href="/write-for-us/">Write for us</a></nav>'
FOOTER = (
    '<footer><a href="/write-for-us/">Write for us</a> · <a href="/privacy/">Privacy</a></footer>'
)


def doc(title: str, body: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head><body>{body}</body></html>")  # fmt: skip


WORDPRESS = doc(
    "Write for Us – Home Brew Journal",
    f"""{NAV}<main><article class="page"><h1 class="entry-title">Write for Us</h1>
<div class="entry-content"><p>We love hearing from fellow brewers. If you have a recipe,
a technique or a story to share, we accept guest posts from readers.</p>
<h2>Guidelines</h2><ul><li>Articles should be 1,200–2,000 words.</li>
<li>Content must be original and not published elsewhere.</li>
<li>Include a short author bio with one link to your site.</li></ul>
<p>Email your pitch to <a href="mailto:editor@homebrewjournal.example">editor@homebrewjournal.example</a>.</p>
</div></article></main>{FOOTER}""",
)
GHOST_FORM = doc(
    "Contribute | Fermentation Weekly",
    """<header class="site-header"><a href="/">Fermentation Weekly</a></header>
<section class="post-full-content"><h1>Become a contributor</h1>
<p>Our readers want practical fermentation know-how. Topics we cover: kombucha, kefir,
sauerkraut and miso.</p><p>Send us your idea using the form below; we reply within a week.</p>
<form action="/pitch" method="post"><input name="name"><input name="email" type="email">
<textarea name="idea"></textarea><button>Send</button></form></section>""",
)
GERMAN = doc(
    "Gastbeitrag schreiben – Bierbrauen Blog",
    """<div id="content"><h1>Gastbeitrag schreiben</h1>
<p>Du möchtest für uns schreiben? Wir freuen uns über Gastautoren aus der Brauszene.</p>
<h3>Was wir erwarten</h3><p>Einzigartig und nirgends veröffentlicht, mindestens 800 Wörter,
eine kurze Autorenbox mit Link.</p><p>Schick uns deinen Themenvorschlag an
<a href="mailto:redaktion@bierbrauen.example">redaktion@bierbrauen.example</a>.</p></div>""",
    "de",
)
SPANISH = doc(
    "Escribe para nosotros | Cerveza Casera",
    """<main><h2 class="titulo">Escribe para nosotros</h2><p>¿Tienes experiencia elaborando
cerveza? Aceptamos artículos invitados.</p><ul><li>Mínimo 1000 palabras</li><li>Contenido
original</li></ul><p>Envía tu propuesta a <a href="mailto:hola@cervezacasera.example">hola@cervezacasera.example</a></p></main>""",
    "es",
)
FRENCH_BARE = doc(
    "Écrire pour nous",
    """<h1>Écrire pour nous</h1><p>Vous êtes brasseur amateur ? Devenez rédacteur invité.
Envoyez-nous votre proposition d'article inédit (1500 mots environ).</p>
<form><textarea></textarea><input type="submit"></form>""",
    "fr",
)
GUIDELINES_ONLY = doc(
    "Guest Post Guidelines - CiderCraft",
    """<div class="container"><div class="row"><div class="col"><h1>Guest post guidelines</h1>
<ol><li>We are looking for hands-on cider and perry articles.</li><li>800+ words, original.</li>
<li>No more than one do-follow link in your bio.</li></ol><p>Pitch us through the
<a href="/contact/">contact page</a> or email <a href="mailto:pitch@cidercraft.example">pitch@cidercraft.example</a>.</p></div></div></div>""",
)

ARTICLE_ABOUT = doc(
    "How to Write a Guest Post That Gets Accepted (2026 Guide)",
    f"""{NAV}<article><h1>How to write a guest post that gets accepted</h1>
<time datetime="2026-03-02">March 2, 2026</time>
<p>Guest posting is still one of the best ways to build links. Before you pitch, read the
site's submission guidelines, check the word count they ask for and write original content.
</p>{
        "<p>Find blogs that accept guest posts, study what they publish, and pitch a topic "
        "nobody has covered. Keep your author bio short and useful. </p>" * 40
    }</article>{FOOTER}""",
)
SPONSORED_PRICING = doc(
    "Advertise with us – sponsored posts",
    """<main><h1>Advertise: sponsored posts</h1><p>Reach 40,000 home brewers a month.
Sponsored posts cost $250 per post, including one do-follow link. Download our media kit.</p>
<p>Email <a href="mailto:ads@brewnews.example">ads@brewnews.example</a> to book.</p></main>""",
)
CONTACT_PAGE = doc(
    "Contact us",
    f"""{NAV}<main><h1>Contact us</h1><p>Questions about an order? Use the form.</p>
<form><input name="email"><textarea name="message"></textarea></form></main>{FOOTER}""",
)
RESOURCE_PAGE = doc(
    "Useful brewing links",
    f"""{NAV}<main><h1>Useful brewing links</h1><ul>
<li><a href="https://a.example/">Yeast guide</a></li><li><a href="https://b.example/">Hop chart</a></li>
<li><a href="https://c.example/">Water calculator</a></li></ul></main>{FOOTER}""",
)
JOB_AD = doc(
    "We're hiring: staff writer (full time)",
    f"""{NAV}<main><h1>We're hiring a staff writer</h1><p>Full-time, salaried position in
our Berlin office. You will write 3 articles a week about beer. Apply with your CV.</p></main>{FOOTER}""",
)
NEWS_WITH_FOOTER_LINK = doc(
    "Local brewery opens taproom",
    f"""{NAV}<main><article><h1>Local brewery opens taproom</h1><time>2026-05-01</time>
<p>The new taproom pours twelve beers.</p></article></main>{FOOTER}""",
)

PAGES = [
    ("wordpress write-for-us", WORDPRESS, "guest_post"),
    ("ghost contribute form", GHOST_FORM, "guest_post"),
    ("german gastbeitrag", GERMAN, "guest_post"),
    ("spanish h2 escribe", SPANISH, "guest_post"),
    ("french bare", FRENCH_BARE, "guest_post"),
    ("bootstrap guidelines", GUIDELINES_ONLY, "guest_post"),
    ("article about guest posting", ARTICLE_ABOUT, None),
    ("sponsored pricing", SPONSORED_PRICING, "sponsored"),
    ("contact page", CONTACT_PAGE, None),
    ("resource page", RESOURCE_PAGE, None),
    ("job ad", JOB_AD, None),
    ("news with a footer link", NEWS_WITH_FOOTER_LINK, None),
]

# Written other ways: Dutch and Portuguese invitations, a German paid-placement price list.
DUTCH = doc(
    "Schrijf voor ons | Thuisbrouwers",
    """<main><h1>Schrijf voor ons</h1><p>Wil je een gastblog schrijven? Stuur je voorstel naar
<a href="mailto:redactie@thuisbrouwers.example">redactie@thuisbrouwers.example</a>.
Minimaal 700 woorden, origineel.</p></main>""",
    "nl",
)
PORTUGUESE = doc(
    "Escreva para nós - Cerveja em Casa",
    """<div class="conteudo"><h1>Escreva para nós</h1><p>Aceitamos post convidado sobre cerveja
artesanal. Conteúdo original, com uma biografia curta.</p>
<form><textarea name="proposta"></textarea></form></div>""",
    "pt",
)
GERMAN_PRICES = doc(
    "Werbung: gesponserte Beiträge",
    """<main><h1>Gesponserte Beiträge</h1><p>Ein gesponserter Artikel mit Link kostet 300 €.
Mediadaten auf Anfrage: <a href="mailto:werbung@bier.example">werbung@bier.example</a></p></main>""",
    "de",
)
PAGES += [
    ("dutch schrijf voor ons", DUTCH, "guest_post"),
    ("portuguese escreva para nós", PORTUGUESE, "guest_post"),
    ("german price list", GERMAN_PRICES, "sponsored"),
]
