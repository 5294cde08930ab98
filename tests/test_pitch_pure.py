"""Dead link to pitch, pure parts: tokenising for BM25 in several languages, ranking the user's
pages, the Wayback APIs' answers, what a page says, the sentence around a link, the pitch
template and the proof."""

from __future__ import annotations

import json
import time

import pytest

from linkprospector.judge.page_summary import language_of, summarize_page
from linkprospector.judge.replacement import (
    DeadPage,
    MyPage,
    ReplacementIndex,
    best_replacement,
    slug_words,
    tokenize,
)
from linkprospector.outreach.pitch_proof import proof_lines, reason_words
from linkprospector.outreach.pitch_template import (
    DEFAULT_TEMPLATE,
    PLACEHOLDERS,
    TemplateError,
    fill_template,
    template_fields,
)
from linkprospector.reading.extract import parse_html
from linkprospector.reading.link_context import link_sentences
from linkprospector.reading.wayback import (
    Capture,
    WaybackAnswerError,
    availability_query_url,
    captures_before,
    cdx_query_url,
    lookup_cutoff,
    parse_availability,
    parse_cdx,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Organic Aphid Control", ["organic", "aphid", "control"]),
        ("How to grow the tomatoes", ["grow", "tomato"]),  # stop words out, plural folded
        ("Heirloom varieties and hedges", ["heirloom", "variety", "hedge"]),
        ("Glass grass", ["glass", "grass"]),  # -ss is no plural
        ("Milk jugs and pots, a cactus", ["milk", "jug", "pot", "cactus"]),
        ("Kompost für Anfänger: die Wurmkiste", ["kompost", "anfänger", "wurmkiste"]),
        ("Le compost pour les débutants", ["compost", "débutants"]),  # not ASCII: no folding
        ("トマトの育て方", ["トマ", "マト", "トの", "の育", "育て", "て方"]),
        ("有機栽培", ["有機", "機栽", "栽培"]),
        ("토마토 재배", ["토마", "마토", "재배"]),
        ("iPhone-Halter_2019", ["iphone", "halter"]),  # digits-only words out
        ("Ｆｕｌｌｗｉｄｔｈ", ["fullwidth"]),  # NFKC
        ("花", ["花"]),  # a lone CJK character stays a token
        ("", []),
    ],
)
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://x.test/articles/the-lost-art-of-espalier", "articles the lost art of espalier"),
        ("http://x.test/aphids_organic.html", "aphids organic"),
        ("http://x.test/", ""),
        ("http://x.test/%E3%83%88%E3%83%9E%E3%83%88/", "トマト"),
    ],
)
def test_slug_words(url, words):
    assert slug_words(url) == words


SITE = [
    MyPage("http://mine.test/", "My garden journal", "Notes from a small plot", "", "I grow."),
    MyPage("http://mine.test/about/", "About me", "", "", "Robin, weekend gardener."),
    MyPage("http://mine.test/aphids/", "Organic aphid control", "Soap sprays and ladybirds",
           "Soap sprays\nLadybirds", "Aphids can be controlled organically with soap sprays."),
    MyPage("http://mine.test/de/kompost/", "Kompost anlegen: Schritt für Schritt", "",
           "Kompostbehälter\nWurmkiste", "Ein Komposthaufen braucht Luft, Wasser und Geduld."),
    MyPage("http://mine.test/ja/tomato/", "トマトの育て方", "", "種まき\n水やり",
           "ミニトマトの育て方と種まきの時期。"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("dead", "expected"),
    [
        (DeadPage("http://pests.test/aphids-organic", ["Organic aphid control"],
                  ["Organic aphid control – soap sprays, ladybirds and timing"]),
         "http://mine.test/aphids/"),
        (DeadPage("http://garten.test/kompost-anleitung", ["Kompost Anleitung"],
                  ["Eine gute Kompost Anleitung mit Wurmkiste."]),
         "http://mine.test/de/kompost/"),
        (DeadPage("http://nihon.test/tomato", ["トマトの育て方"],
                  ["初心者向けトマトの育て方ガイド"]),
         "http://mine.test/ja/tomato/"),
        # the archived title alone (a link without words, a slug of digits)
        (DeadPage("http://old.test/p/123", [""], [], title="Organic aphid control guide",
                  text="Soap sprays against aphids."),
         "http://mine.test/aphids/"),
        # nothing on the site does a beekeeping forum's job
        (DeadPage("http://bees.test/threads/4412-pollinator-gardens", ["Pollinator gardens thread"],
                  ["Pollinator gardens thread – Beekeepers Forum"]), None),
        # sharing a common word with a page is not doing its job
        (DeadPage("http://x.test/chart", ["Companion planting chart"],
                  ["Companion planting chart – what grows well together"]), None),
    ],
)  # fmt: skip
def test_the_page_that_does_the_dead_pages_job(dead, expected):
    ranked = ReplacementIndex(SITE).rank(dead)
    best = best_replacement(ranked)
    assert (best.url if best else None) == expected
    assert len(ranked) <= 3
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    if best is not None:
        assert best.names_matched > 0 and set(best.matched) <= set(dead.words())


def test_matched_words_are_listed_rarest_first_and_a_threshold_decides():
    dead = DeadPage("http://pests.test/aphids-organic", ["Organic aphid control"])
    (first, *_) = ReplacementIndex(SITE).rank(dead)
    assert first.url == "http://mine.test/aphids/"
    assert set(first.matched) == {"organic", "aphid", "control"}
    assert first.good(min_score=first.score) and not first.good(min_score=first.score + 0.01)


def test_an_empty_site_or_query_ranks_nothing():
    assert ReplacementIndex([]).rank(DeadPage("http://x.test/a", ["Anything"])) == []
    assert ReplacementIndex(SITE).rank(DeadPage("http://x.test/", ["the"])) == []


FORUM = "http://tomatotalk.test/"
CDX = [
    ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
    ["test,tomatotalk)/", "20180603120000", FORUM, "text/html", "200", "A", "9"],
    ["test,tomatotalk)/", "20240115090000", FORUM, "text/html", "200", "B", "9"],
    ["test,tomatotalk)/", "20240116090000", FORUM, "text/html", "404", "C", "9"],
]


@pytest.mark.parametrize(
    ("body", "timestamps"),
    [
        (json.dumps(CDX), ["20240115090000", "20180603120000"]),  # newest first, 200 only
        ("[]", []),
        ("", []),
        (json.dumps([CDX[0]]), []),
    ],
)
def test_parse_cdx(body, timestamps):
    assert [c.timestamp for c in parse_cdx(body)] == timestamps


@pytest.mark.parametrize("body", ["<html>", "{}", '[["a","b"],["1","2"]]', "[1, 2]"])
def test_a_cdx_answer_that_is_not_the_documented_json_is_an_error(body):
    with pytest.raises(WaybackAnswerError):
        parse_cdx(body)


@pytest.mark.parametrize(
    ("body", "captures"),
    [
        (json.dumps({"url": "example.com", "archived_snapshots": {"closest": {
            "status": "200", "available": True, "timestamp": "20130919044612",
            "url": "http://web.archive.org/web/20130919044612/http://example.com/"}}}),
         [Capture("20130919044612", "http://example.com/")]),
        (json.dumps({"url": "example.com", "archived_snapshots": {}}), []),
        (json.dumps({"archived_snapshots": {"closest": {"status": "302", "available": True,
                                                        "timestamp": "2013", "url": "x"}}}), []),
    ],
)  # fmt: skip
def test_parse_availability(body, captures):
    assert parse_availability(body) == captures


def test_only_captures_before_the_cutoff_count_newest_first():
    captures = parse_cdx(json.dumps(CDX))
    assert [c.timestamp for c in captures_before(captures, "20200101000000")] == ["20180603120000"]
    assert captures_before(captures, "20100101000000") == []
    assert len(captures_before(captures, "20250101000000")) == 2


@pytest.mark.parametrize(
    ("last_live", "first_dead", "checked", "cutoff"),
    [
        ("2026-11-01T10:00:00+00:00", "2026-11-20T10:00:00+00:00", "2026-12-01T10:00:00+00:00",
         "20261101100000"),
        (None, "2026-11-20T10:00:00+00:00", "2026-12-01T10:00:00+00:00", "20261120100000"),
        (None, None, "2026-12-01T10:00:00+00:00", "20261201100000"),
    ],
)  # fmt: skip
def test_the_cutoff_is_when_the_link_last_worked(last_live, first_dead, checked, cutoff):
    assert lookup_cutoff(last_live, first_dead, checked) == cutoff


def test_query_urls_are_the_documented_ones():
    assert cdx_query_url("https://web.archive.org/", "http://a.test/x?y=1", "20240101000000") == (
        "https://web.archive.org/cdx/search/cdx?url=http://a.test/x%3Fy%3D1&output=json"
        "&to=20240101000000&filter=statuscode:200&limit=-5"
    )
    assert availability_query_url("https://web.archive.org", "http://a.test/", "2024") == (
        "https://web.archive.org/wayback/available?url=http://a.test/&timestamp=2024"
    )
    capture = Capture("20180603120000", "http://tomatotalk.test/")
    assert (
        capture.raw_url("http://w.test")
        == "http://w.test/web/20180603120000id_/http://tomatotalk.test/"
    )
    assert capture.date == "2018-06-03"


ARCHIVED = """<html lang="de-AT"><head><title> Kompost  anlegen </title>
<meta name="description" content="Wie man einen Komposthaufen anlegt."></head>
<body><nav><a href="/">Start</a></nav><main><h1>Kompost anlegen</h1><h2>Der Ort</h2>
<p>Ein Komposthaufen braucht einen halbschattigen Ort und Kontakt zum Boden.</p>
<h2>Der Ort</h2></main><footer>Impressum</footer></body></html>"""


def test_what_a_page_says():
    summary = summarize_page(ARCHIVED)
    assert summary.title == "Kompost anlegen"
    assert summary.description == "Wie man einen Komposthaufen anlegt."
    assert summary.headings == ("Kompost anlegen", "Der Ort")
    assert "halbschattigen Ort" in summary.text and "Impressum" not in summary.text
    assert summary.lang == "de"
    assert summarize_page("").empty and summarize_page("   ").empty


@pytest.mark.parametrize(
    ("declared", "text", "lang"),
    [("en-GB", "", "en"), ("pt_BR", "", "pt"), ("", "トマトの育て方", "ja"), ("", "토마토", "ko"),
     ("", "有机栽培", "zh"), ("", "Огород", "ru"), ("", "plain words", "")],
)  # fmt: skip
def test_language_of(declared, text, lang):
    assert language_of(declared, text) == lang


@pytest.mark.parametrize(
    ("html", "target", "sentence"),
    [
        ('<ul><li><a href="http://d.test/x">Aphid guide</a> – organic control</li></ul>',
         "http://d.test/x", "Aphid guide – organic control"),
        ("<p>We like roses. For pests read <a href='/y'>this guide</a> by Jane. Then water.</p>",
         "http://s.test/y", "For pests read this guide by Jane."),
        ("<p>トマトの育て方は<a href='http://j.test/'>こちら</a>です。次の文。</p>",
         "http://j.test/", "トマトの育て方はこちらです。"),
        ('<base href="http://other.test/"><p>See <a href="z">Z</a>.</p>',
         "http://other.test/z", "See Z."),
        ("<p>Nothing here.</p>", "http://d.test/x", None),
    ],
)  # fmt: skip
def test_the_sentence_around_a_link(html, target, sentence):
    found = link_sentences(
        parse_html(f"<html><body>{html}</body></html>"), "http://s.test/", {target}
    )
    assert found.get(target) == sentence


def test_a_long_block_is_cut_around_the_link():
    words = " ".join(["word"] * 200)
    html = f"<html><body><p>{words} <a href='http://d.test/'>the link</a> {words}</p></body></html>"
    sentence = link_sentences(parse_html(html), "http://s.test/", {"http://d.test/"})[
        "http://d.test/"
    ]
    assert "the link" in sentence and len(sentence) <= 302


FULL = {
    "contact_name": "Lena", "linking_page": "http://a.test/links", "linking_title": "Links",
    "anchor": "Aphid guide", "link_sentence": "Aphid guide – organic control",
    "dead_url": "http://d.test/aphids", "dead_reason": "answers 404 Not Found",
    "dead_since": "2026-11-20", "dead_title": "Organic aphid control",
    "dead_summary": "Soap sprays and ladybirds.", "archive_url": "http://w.test/web/2019/x",
    "archive_date": "2019-04-12", "replacement_url": "http://mine.test/aphids/",
    "replacement_title": "Organic aphid control", "why_fits": "organic, aphid, control",
}  # fmt: skip


def test_a_full_pitch_uses_every_fact():
    text = fill_template(DEFAULT_TEMPLATE, FULL)
    assert text.startswith("Subject: A broken link on Links\n\nHi Lena,\n")
    for value in FULL.values():
        assert value in text
    assert "{" not in text


@pytest.mark.parametrize(
    ("missing", "gone", "kept"),
    [
        (("contact_name",), [], ["Hi,\n"]),
        (("archive_url", "archive_date", "dead_title", "dead_summary"),
         ["Internet Archive", "Soap sprays and ladybirds", "()"], ["answers 404 Not Found"]),
        (("link_sentence",), ["It is in this sentence"], ['the link "Aphid guide"']),
        (("anchor",), [], ['the link "http://d.test/aphids" no longer works']),
        (("linking_title",), [], ["Subject: A broken link on http://a.test/links"]),
        (("replacement_title",), [], ['"http://mine.test/aphids/"']),
        (("dead_since",), ["dead since"], ["It points to"]),
    ],
)  # fmt: skip
def test_missing_fields_leave_out_their_lines_or_fall_back(missing, gone, kept):
    values = {k: v for k, v in FULL.items() if k not in missing}
    text = fill_template(DEFAULT_TEMPLATE, values)
    for fragment in gone:
        assert fragment not in text
    for fragment in kept:
        assert fragment in text
    assert "\n\n\n" not in text and "{" not in text


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Hi {name},\n", "unknown placeholder {name} on line 1 of the pitch template"),
        ("ok\n{dead_url} {repalcement_url}\n", "unknown placeholder {repalcement_url} on line 2"),
        ("Hi {\n", "the pitch template is malformed on line 1"),
        ("{0}\n", "unknown placeholder {0}"),
    ],
)
def test_a_bad_template_is_one_line(template, message):
    with pytest.raises(TemplateError) as caught:
        template_fields(template)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_literal_braces_and_every_documented_placeholder_work():
    template = "{{literal}} " + " ".join(f"{{{name}}}" for name in PLACEHOLDERS) + "\n"
    assert template_fields(template) == list(PLACEHOLDERS)
    assert fill_template("{{x}} {dead_url}\n", FULL) == "{x} http://d.test/aphids\n"


@pytest.mark.parametrize(
    ("reason", "status", "words"),
    [("http_404", 404, "answers 404 Not Found"), ("parked", 200, "parked domain"),
     ("http_503", 503, "server error (HTTP 503)"), ("http_403", 403, "answers HTTP 403"),
     ("dns", None, "does not resolve"), ("something_new", None, "no longer works")],
)  # fmt: skip
def test_reason_words(reason, status, words):
    assert words in reason_words(reason, status)


def test_the_proof_names_history_chain_sentence_and_capture():
    opportunity = {
        "page_url": "http://a.test/links", "target_url": "http://tomatotalk.test/",
        "anchor_text": "Tomato Talk", "sentence": "Tomato Talk – tomato growers' forum",
        "placement": "sidebar",
        "reason": "parked", "status": 200, "confirmed": 1,
        "first_dead_at": "2026-11-20T10:00:00+00:00", "confirmed_at": "2026-11-21T10:00:00+00:00",
        "last_live_at": None,
        "evidence": json.dumps({"chain": [["GET", 301, "http://tomatotalk.test/"],
                                          ["GET", 200, "http://lander.test/?d=tomatotalk"]],
                                "parked": "for_sale"}),
    }  # fmt: skip
    checks = [
        {"checked_at": "2026-11-20T10:00:00+00:00", "verdict": "dead", "reason": "parked",
         "status": 200, "transition": "new_dead"},
        {"checked_at": "2026-11-21T10:00:00+00:00", "verdict": "dead", "reason": "parked",
         "status": 200, "transition": "confirmed"},
    ]  # fmt: skip
    capture = {"state": "found", "capture_url": "http://w.test/web/20180603120000/x",
               "capture_date": "2018-06-03", "title": "Tomato Talk", "description": "A forum",
               "skipped": "20240115090000: parked (for_sale)"}  # fmt: skip
    text = "\n".join(proof_lines(opportunity, checks, capture, anchors_elsewhere=1))
    for fragment in (
        "is confirmed dead", "First seen dead: 2026-11-20 10:00 UTC", "confirmed: 2026-11-21",
        "Checks (2):", "[new_dead]", "[confirmed]", "GET 301 http://tomatotalk.test/ → GET 200",
        "parking signature for_sale", 'the link "Tomato Talk" in the sidebar',
        "tomato growers' forum",
        "Archive: http://w.test/web/20180603120000/x (2018-06-03)", "parked (for_sale)",
        "1 other page(s)",
    ):  # fmt: skip
        assert fragment in text
    none = proof_lines(opportunity, [], {"state": "none", "cutoff": "20261120100000"})
    assert none[-1] == "Archive: no capture in the Wayback Machine before 2026-11-20."
    assert "not looked up yet" in proof_lines(opportunity, [], None)[-1]


def test_the_same_anchor_text_twice_gets_its_own_sentence():
    html = (
        '<html><body><p>Read the tomato guide <a href="http://a.test/">here</a>. Read the aphid '
        'guide <a href="http://b.test/">here</a>!</p></body></html>'
    )
    found = link_sentences(parse_html(html), "http://x.test/", {"http://a.test/", "http://b.test/"})
    assert found == {
        "http://a.test/": "Read the tomato guide here.",
        "http://b.test/": "Read the aphid guide here!",
    }


def test_one_paragraph_with_thousands_of_links_is_read_in_linear_time():
    links = " ".join(f'word <a href="http://s{i}.test/">l{i}</a>.' for i in range(3000))
    root = parse_html(f"<html><body><p>{links}</p></body></html>")
    targets = {f"http://s{i}.test/" for i in range(3000)}
    started = time.perf_counter()
    found = link_sentences(root, "http://hub.test/", targets)
    assert time.perf_counter() - started < 2  # quadratic reading took 30 s here
    assert len(found) == 3000 and found["http://s2999.test/"] == "word l2999."
