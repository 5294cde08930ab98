"""Pitch drafts from a template the user can change (pure).

A template is plain text with ``{placeholder}`` fields (Python's format syntax; ``{{`` and
``}}`` are literal braces). A line with a placeholder that is empty for an opportunity is
left out, so optional facts go on lines of their own (``greeting`` is never empty;
``anchor``, ``linking_title`` and ``replacement_title`` fall back to their URL). An unknown
placeholder is a one-line TemplateError.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

#: Every placeholder, with what it holds (README "From dead link to pitch" lists them).
PLACEHOLDERS = {
    "greeting": "'Hi Jane,' with the contact's name where known, else 'Hi,'",
    "contact_name": "the linking site's contact or author name ('' when unknown)",
    "linking_page": "URL of the page that has the dead link",
    "linking_title": "title of that page",
    "linking_site": "the linking site (scheme and host)",
    "anchor": "the link's anchor text",
    "link_sentence": "the sentence around the link on the linking page",
    "dead_url": "the dead URL",
    "dead_reason": "why it is dead, in words (404, parked domain, ...)",
    "dead_since": "the date it was first seen dead",
    "dead_title": "the dead page's title, from its archived capture",
    "dead_summary": "the first sentences of the dead page's archived text",
    "archive_url": "the archived capture used",
    "archive_date": "the date of that capture",
    "replacement_url": "your page that does the same job",
    "replacement_title": "its title",
    "why_fits": "the words your page shares with what the dead page was",
    "my_site": "your site",
}

DEFAULT_TEMPLATE = """\
Subject: A broken link on {linking_title}

{greeting}

I was reading {linking_page} and noticed that the link "{anchor}" no longer works.
It is in this sentence: "{link_sentence}"
It points to {dead_url}, which {dead_reason}.
It has been dead since at least {dead_since}.
The Internet Archive's copy from {archive_date} shows it was "{dead_title}":
{dead_summary}
({archive_url})

I have a page that does the same job, "{replacement_title}":
{replacement_url}
Like the old page it covers {why_fits}.

Would you consider pointing the link there instead?
Either way, thanks for keeping such a useful list.
"""


#: Placeholders that fall back to another one when empty.
FALLBACKS = {"anchor": "dead_url", "linking_title": "linking_page",
             "replacement_title": "replacement_url"}  # fmt: skip


class TemplateError(ValueError):
    """A template that cannot be used; the message is one line for the user."""


def template_fields(template: str) -> list[str]:
    """The placeholders a template uses, in order; TemplateError for an unknown or bad one."""
    names = []
    for line_no, line in enumerate(template.splitlines() or [""], 1):
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(line) if name is not None]
        except ValueError as exc:
            raise TemplateError(
                f"the pitch template is malformed on line {line_no}: {exc}"
            ) from None
        for name in fields:
            if name not in PLACEHOLDERS:
                known = ", ".join(sorted(PLACEHOLDERS))
                raise TemplateError(
                    f"unknown placeholder {{{name}}} on line {line_no} of the pitch template "
                    f"(known: {known})"
                )
            names.append(name)
    return names


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """The pitch text: placeholders filled, lines with an empty placeholder left out."""
    template_fields(template)
    values = {name: str(values.get(name) or "").strip() for name in PLACEHOLDERS}
    if not values["greeting"]:
        name = values["contact_name"]
        values["greeting"] = f"Hi {name}," if name else "Hi,"
    for name, fallback in FALLBACKS.items():
        values[name] = values[name] or values[fallback]
    lines = []
    for line in template.splitlines():
        names = [n for _, n, _, _ in string.Formatter().parse(line) if n is not None]
        if not all(values[n] for n in names):
            continue
        lines.append(line.format_map(values))
    text = "\n".join(lines)
    while "\n\n\n" in text:  # a left-out paragraph leaves no gap of blank lines
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
