"""Google's disavow file. Pure: text in, text out.

The format Search Console takes: UTF-8 (or 7-bit ASCII) plain text, one entry per line:
a URL (at most 2,048 characters), ``domain:example.com`` (a bare domain, covering its
subdomains), or a ``#`` comment on a line of its own; at most 100,000 lines (blank and
comment lines count) and 2 MB.

Merging never touches the user's file: every line stays as written (blank lines, comments,
duplicates, order, internationalised names, IP addresses, line endings) and suggestions are
only appended. Lines Google would likely reject are warnings with their line numbers; the
one refusal is a merged file over Google's limits, which names how much the suggestions added.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_LINES = 100_000
MAX_BYTES = 2 * 1024 * 1024
MAX_URL = 2048
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_URL = re.compile(r"^https?://([^\s/?#]+)", re.IGNORECASE)


class DisavowError(ValueError):
    """A merged file Search Console would refuse as a whole; the message is one line."""


@dataclass(frozen=True)
class Candidate:
    domain: str
    score: int
    reasons: tuple[str, ...] | str = ()  # each reason whole, as the toxic signals say it


@dataclass
class Merged:
    text: str
    added: int = 0  # domains suggested
    added_lines: int = 0  # lines the suggestions take (a comment and an entry each)
    kept: int = 0  # lines of the user's file, all of them
    warnings: list[str] = field(default_factory=list)  # "line N: why"


def ascii_domain(domain: str) -> str | None:
    """``brave-nà.com`` -> ``xn--brave-n-fwa.com`` (lower case); None when it cannot be."""
    value = domain.strip().rstrip(".").lower()
    try:
        return value.encode("idna").decode("ascii") if value else None
    except UnicodeError:
        return None


def is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        return False
    return True


def line_problem(line: str) -> str | None:
    """Why Search Console would likely reject this line (None: it takes it)."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    if text.lower().startswith("domain:"):
        value = text[7:].strip()
        if not value:
            return "domain: without a domain"
        if is_ip(value):  # Google documents names only; IP entries are common and kept
            return None
        if "/" in value or ":" in value:
            return f"domain: takes a bare domain such as example.com, not {value[:80]!r}"
        host = ascii_domain(value)
        if host is None or not _DOMAIN.match(host):
            return f"domain: needs a domain name such as example.com, got {value[:80]!r}"
        return None
    found = _URL.match(text)
    if not found or any(c.isspace() for c in text):
        return "not a URL, a domain: line or a # comment"
    if len(text) > MAX_URL:
        return f"URL longer than {MAX_URL} characters"
    return None


def file_warnings(lines: list[str]) -> list[str]:
    """``line N: why`` for each line Search Console would likely reject."""
    return [
        f"line {number}: {problem}"
        for number, line in enumerate(lines, 1)
        if (problem := line_problem(line))
    ]


def disavowed_domains(lines: Iterable[str]) -> set[str]:
    """The domains of ``domain:`` lines, as ASCII (so an IDN and its punycode match)."""
    found = set()
    for line in lines:
        text = line.strip()
        if text.lower().startswith("domain:"):
            value = text[7:].strip()
            host = value.lower() if is_ip(value) else ascii_domain(value)
            if host:
                found.add(host)
    return found


def covered(domain: str, domains: set[str]) -> bool:
    """``domain`` or one of its parent domains is in ``domains``."""
    labels = domain.split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels)))


def suggestion_comment(candidate: Candidate, today: str) -> str:
    """A comment that reads as sentences: '# Suggested by linkprospector on 2026-12-03
    (toxic score 80). The link is hidden. Spam-prone TLD .xyz.'"""
    reasons = (candidate.reasons,) if isinstance(candidate.reasons, str) else candidate.reasons
    sentences = " ".join(_sentence(r) for r in reasons if r.strip())
    when = f" on {today}" if today else ""
    head = f"# Suggested by linkprospector{when} (toxic score {candidate.score})."
    return f"{head} {sentences}".rstrip()


def _sentence(reason: str) -> str:
    text = " ".join(reason.split()).rstrip(".;, ")
    return text[:1].upper() + text[1:] + "."


def merge_disavow(
    candidates: Iterable[Candidate],
    existing: str = "",
    never: Iterable[str] = (),
    today: str = "",
) -> Merged:
    """The user's file with the suggested domains appended (each after its comment).

    Left out: candidates whose domain (or a parent of it) is in ``never`` (your own
    domains, an allowlist) or already disavowed. Raises DisavowError only when the merged
    file is over Google's limits."""
    lines = existing.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line break ends the last line; it is not a line of its own
    ending = "\r\n" if lines and lines[0].endswith("\r") else "\n"
    done = disavowed_domains(lines)
    blocked = {d for d in (ascii_domain(n.removeprefix("www.")) for n in never) if d}
    added: list[str] = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.domain)):
        domain = ascii_domain(candidate.domain.removeprefix("www."))
        if not domain or covered(domain, blocked) or covered(domain, done):
            continue
        done.add(domain)
        added += [suggestion_comment(candidate, today), f"domain:{domain}"]
    text = existing
    if added:
        if existing and not existing.endswith("\n"):
            text += ending
        text += ending.join(added) + ending
    merged = Merged(text, len(added) // 2, len(added), len(lines), file_warnings(lines))
    _check_limits(merged)
    return merged


def _check_limits(merged: Merged) -> None:
    total = merged.kept + merged.added_lines
    by = (
        f"your file has {merged.kept:,} and the suggestions added {merged.added_lines:,}"
        if merged.added_lines
        else f"your file alone has {merged.kept:,}"
    )
    if total > MAX_LINES:
        raise DisavowError(
            f"the merged file would have {total:,} lines, over Google's limit of "
            f"{MAX_LINES:,}: {by} (raise --min-score, or shorten your file)"
        )
    size = len(merged.text.encode("utf-8"))
    if size > MAX_BYTES:
        raise DisavowError(
            f"the merged file would be {size:,} bytes, over Google's limit of 2 MB "
            f"({MAX_BYTES:,} bytes); in lines, {by} (raise --min-score, or shorten your file)"
        )
