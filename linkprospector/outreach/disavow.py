"""Google's disavow file (issue 13, point 6). Pure: text in, text out, one-line errors.

The format Search Console takes: UTF-8 (or 7-bit ASCII) plain text, one entry per line:
a URL (at most 2,048 characters), ``domain:example.com`` (a bare domain), or a ``#``
comment on a line of its own; at most 100,000 lines and 2 MB. A line Search Console
would reject is reported with its number and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_LINES = 100_000
MAX_BYTES = 2 * 1024 * 1024
MAX_URL = 2048
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


class DisavowError(ValueError):
    """A disavow file Search Console would reject; the message is one line."""


@dataclass(frozen=True)
class Candidate:
    domain: str
    score: int
    reasons: str


def line_problem(line: str) -> str | None:
    """Why Search Console would reject this line (None: it takes it)."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    if text.lower().startswith("domain:"):
        domain = text[7:].strip().lower()
        if not _DOMAIN.match(domain):
            return f"domain: needs a bare domain such as example.com, got {domain[:80]!r}"
        return None
    if not re.match(r"^https?://[^\s/?#]+", text, re.I) or " " in text:
        return "not a URL, a domain: line or a # comment"
    if len(text) > MAX_URL:
        return f"URL longer than {MAX_URL} characters"
    return None


def check_file(text: str, name: str) -> None:
    """Raise DisavowError for the first line Search Console would reject, or the limits."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise DisavowError(f"{name} is over 2 MB")
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise DisavowError(f"{name} has {len(lines)} lines (at most {MAX_LINES})")
    for number, line in enumerate(lines, 1):
        problem = line_problem(line)
        if problem:
            raise DisavowError(f"line {number} of {name}: {problem}")


def entry_domain(line: str) -> str | None:
    text = line.strip().lower()
    return text[7:].strip() if text.startswith("domain:") else None


def build_disavow(
    candidates: Iterable[Candidate],
    existing: str = "",
    never: Iterable[str] = (),
    today: str = "",
) -> tuple[str, int, int]:
    """The merged file, how many new domains it adds, and how many lines it kept.

    Every line of ``existing`` (the user's own file) is kept, in order, without exact
    duplicates; candidates whose domain (or a parent of it) is in ``never`` (your own
    domains, an allowlist) or already disavowed are left out; each new entry comes with a
    comment giving its reasons and the date."""
    check_file(existing, "the merged file")
    kept: list[str] = []
    seen: set[str] = set()
    for line in existing.splitlines():
        if line.strip() and line.strip() not in seen:
            seen.add(line.strip())
            kept.append(line.strip())
    disavowed = {d for d in map(entry_domain, kept) if d}
    blocked = {d.lower().removeprefix("www.") for d in never}
    added: list[str] = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.domain)):
        domain = candidate.domain.lower().removeprefix("www.")
        parents = {".".join(domain.split(".")[i:]) for i in range(len(domain.split(".")))}
        if parents & blocked or domain in disavowed:
            continue
        disavowed.add(domain)
        why = f"# {candidate.reasons} (toxic score {candidate.score}; linkprospector {today})"
        added += [why, f"domain:{domain}"]
    text = "\n".join([*kept, *added]) + "\n"
    check_file(text, "the disavow file")
    return text, len(added) // 2, len(kept)
