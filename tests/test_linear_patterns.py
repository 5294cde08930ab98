"""Every regular expression that reads page text, headers or user files runs in linear time.

The patterns are collected from the modules themselves (a new pattern is covered without
being listed here) and each is run, the way the code runs it (``search`` and a full scan),
on adversarial text at two sizes: many unclosed tags and comments, runs of spaces, digits
and punctuation, repeated partial matches. Four times the text may cost at most about
four times the CPU (the bound is generous: a quadratic pattern costs sixteen times, an
exponential one never finishes the small size). CPU time, not wall time, so that a loaded
machine does not fail the test.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest
import re2

import linkprospector

ROOT = Path(linkprospector.__file__).resolve().parent
#: Rooms whose patterns run over pages, headers, URLs found on pages, or user files.
ROOMS = ("reading", "judge", "middlewares", "crawl")
#: Input readers outside those rooms (disavow files are user files).
EXTRA_MODULES = ("linkprospector.outreach.disavow",)

#: Adversarial units, each repeated to the text's size (and once more with a trailing
#: character no pattern expects, so that anchored and greedy patterns must fail).
UNITS = (
    "<!--x-->",
    "<!-- a -->\n",
    "<!--",
    "<div id='links'><!--x-->",
    "<div id='root'>",
    "<ul class=links>",
    "<section id=x><!-- -->",
    "<script>",
    "<script ",
    "<script src=x ",
    "<style>",
    "<noscript>",
    "<title>",
    "<h1>",
    "<h2 ",
    "<meta http-equiv=refresh ",
    "<meta ",
    "<div ",
    "<a href=",
    "<app-root>",
    "<ul><li>loading ",
    "<",
    ">",
    '"',
    "'",
    "=",
    " ",
    "\t\n",
    "1",
    "1,",
    "1.",
    "1 ",
    "-",
    ".",
    "@",
    "a@",
    "a.",
    "a",
    "a ",
    "%",
    "/",
    "\\/",
    "http://",
    "https:\\/\\/a",
    "id=",
    "content=",
    "url=",
    "|",
    "not ",
    "404 ",
    "[at]",
    " at ",
    " dot ",
    "a [dot] ",
    "font-size:0",
    "-1",
    "€",
    "$1",
    "words ",
    "to ",
    "é",
)
SMALL = 4_000  # characters
GROWTH = 4
#: Below this CPU time at the large size a pattern is fast whatever its growth.
FLOOR_SECONDS = 0.002
#: Linear growth is 4x; quadratic is 16x.
MAX_RATIO = 9.0


def _modules() -> list[str]:
    names = []
    for room in ROOMS:
        package = f"linkprospector.{room}"
        for info in pkgutil.iter_modules([str(ROOT / room)]):
            names.append(f"{package}.{info.name}")
    return [*names, *EXTRA_MODULES]


def _patterns() -> list[tuple[str, object]]:
    """(module.NAME, compiled pattern) for every module-level pattern, in tuples too."""
    found = []
    for name in _modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            values = [(attr, value)]
            if isinstance(value, tuple):
                for item in value:
                    if isinstance(item, tuple) and len(item) == 2:
                        values.append((f"{attr}[{item[0]}]", item[1]))
            for label, candidate in values:
                if isinstance(candidate, re.Pattern | re2._Regexp):
                    found.append((f"{name}.{label}", candidate))
    # A pattern imported into another module is the same object: test it once.
    unique: dict[int, tuple[str, object]] = {}
    for label, pattern in found:
        unique.setdefault(id(pattern), (label, pattern))
    return sorted(unique.values())


PATTERNS = _patterns()


#: Patterns the code only ever runs with ``fullmatch`` (one start: a search would try
#: every position, which the code never does); checked against the sources below.
FULLMATCH_ONLY = {
    "linkprospector.reading.emails._EMAIL": ("reading/emails.py", "_EMAIL"),
    "linkprospector.reading.extract._EMAIL_RE": ("reading/extract.py", "_EMAIL_RE"),
}


def _cpu(pattern, text: str, runs: int = 1, fullmatch: bool = False) -> float:
    """CPU seconds for a search and a full scan (the best of ``runs``)."""
    best = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        if fullmatch:
            pattern.fullmatch(text)
        else:
            pattern.search(text)
            for _match in pattern.finditer(text):
                pass
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.parametrize("label", sorted(FULLMATCH_ONLY))
def test_fullmatch_only_patterns_are_only_fullmatched(label):
    path, name = FULLMATCH_ONLY[label]
    source = (ROOT / path).read_text()
    uses = re.findall(rf"\b{name}\.(\w+)\(", source)
    assert uses and set(uses) == {"fullmatch"}, (label, uses)


def test_the_page_reading_patterns_are_collected():
    labels = {label for label, _ in PATTERNS}
    for known in (
        "linkprospector.reading.script_links._EMPTY_CONTAINER_RE",
        "linkprospector.judge.soft404._REFRESH_URL",
        "linkprospector.reading.guest_posts.GUIDELINES[word_count]",
        "linkprospector.judge.signatures._TITLE",
        "linkprospector.outreach.disavow._DOMAIN",
    ):
        assert known in labels
    assert len(PATTERNS) >= 80


@pytest.mark.parametrize(("label", "pattern"), PATTERNS, ids=[label for label, _ in PATTERNS])
def test_pattern_runs_in_linear_time(label, pattern):
    full = label in FULLMATCH_ONLY
    slow = []
    for unit in UNITS:
        for tail in ("", "!"):
            small = unit * (SMALL // len(unit)) + tail
            large = unit * (GROWTH * SMALL // len(unit)) + tail
            t_small = _cpu(pattern, small, fullmatch=full)
            if t_small > 0.5:  # far off linear already (4,000 characters)
                slow.append((unit + tail, t_small, float("inf")))
                continue
            t_large = _cpu(pattern, large, fullmatch=full)
            if t_large > FLOOR_SECONDS and t_large > MAX_RATIO * t_small:
                # measured again, the best of three, before it counts (a busy machine)
                t_small = _cpu(pattern, small, 3, fullmatch=full)
                t_large = _cpu(pattern, large, 3, fullmatch=full)
                if t_large > FLOOR_SECONDS and t_large > MAX_RATIO * t_small:
                    slow.append((unit + tail, t_small, t_large))
    assert not slow, f"{label} grows faster than linearly on: " + ", ".join(
        f"{unit!r} ({a * 1000:.1f} ms -> {b * 1000:.1f} ms)" for unit, a, b in slow
    )


#: Patterns built inside functions (not module-level), run here the way their function
#: runs them.
INLINE_CALLS = (
    ("scoring.find_keyword", "linkprospector.reading.scoring", "find_keyword"),
    (
        "contacts.looks_like_contact_url",
        "linkprospector.reading.contacts",
        "looks_like_contact_url",
    ),
    ("contacts.social_profile", "linkprospector.reading.contacts", "social_profile"),
    ("emails.clean_email", "linkprospector.reading.emails", "clean_email"),
    ("rendering.parse_domains", "linkprospector.reading.rendering", "parse_domains"),
    ("rendering.browser_error_kind", "linkprospector.reading.rendering", "browser_error_kind"),
)


@pytest.mark.parametrize(("label", "module", "function"), INLINE_CALLS)
@pytest.mark.parametrize("unit", ["a", " ", "@a", ".", "1,", "a-", "/", "net::err_a"])
def test_inline_patterns_run_in_linear_time(label, module, function, unit):
    func = getattr(importlib.import_module(module), function)

    def call(text: str) -> float:
        start = time.thread_time()
        if function == "find_keyword":
            func(text, ["resources", "useful links"])
        elif function == "looks_like_contact_url":
            func("https://example.org/" + text, text)
        elif function == "social_profile":
            func("https://example.org/" + text)
        else:
            func(text)
        return time.thread_time() - start

    small, large = unit * (SMALL // len(unit)), unit * (GROWTH * SMALL // len(unit))
    t_small = min(call(small) for _ in range(2))
    t_large = min(call(large) for _ in range(2))
    assert t_large <= FLOOR_SECONDS * 5 or t_large <= MAX_RATIO * t_small, (label, t_small, t_large)
