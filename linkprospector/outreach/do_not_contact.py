"""The do-not-contact list: a plain text file, one domain or address a line (``#``
comments), kept beside the database (for a database on a server, in the current folder)
unless ``LINKPROSPECTOR_DNC_FILE`` names another.
Nothing on it is ever exported for outreach, whatever the export's options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from linkprospector.outreach.statuses import StatusError, normalise_site

DEFAULT_NAME = "do-not-contact.txt"
HEADER = (
    "# linkprospector do-not-contact list: one domain or e-mail address a line.\n"
    "# Nothing listed here is ever exported for outreach.\n"
)


class DncError(ValueError):
    """A bad entry or an unreadable file; the message is one line for the user."""


@dataclass
class DncList:
    domains: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)


def dnc_path(db_path: str | Path, setting: str = "") -> Path:
    """The list's file: the setting, else ``do-not-contact.txt`` beside the database (in
    the current folder for a database on a server, a postgresql:// URL)."""
    if setting:
        return Path(setting).expanduser()
    return Path(DEFAULT_NAME) if "://" in str(db_path) else Path(db_path).with_name(DEFAULT_NAME)


def do_not_contact(db_path: str | Path, setting: str = "") -> DncList:
    """The list for a database (read once per command; DncError for a bad file)."""
    return read_dnc(dnc_path(db_path, setting))


def server_list_note(db_path: str | Path, setting: str = "") -> str | None:
    """For a database on a server (a URL), the line naming the list file a command used:
    it is not beside any database there, so the user must see which one counts."""
    if "://" not in str(db_path):
        return None
    path = dnc_path(db_path, setting)
    found = "" if path.exists() else " (no such file: no site is left out)"
    return f"do-not-contact list: {path.resolve()}{found}"


def normalise_entry(text: str) -> str:
    """An address in lower case, or the registrable domain of a domain, host or URL."""
    text = (text or "").strip()
    if "@" in text and "://" not in text:
        address = text.lower().removeprefix("mailto:")
        local, _, domain = address.rpartition("@")
        if not local or "." not in domain or any(c.isspace() for c in address):
            raise DncError(f"not an e-mail address: {text!r}")
        return address
    try:
        site = normalise_site(text)
    except StatusError as exc:
        raise DncError(str(exc)) from None
    if "." not in site or any(c.isspace() for c in site):
        raise DncError(f"not a site or URL: {text!r}")
    return site


def read_dnc(path: Path) -> DncList:
    """The entries of the file (an absent file is an empty list)."""
    found = DncList()
    if not path.exists():
        return found
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DncError(f"cannot read do-not-contact file {path}: {exc}") from None
    for number, line in enumerate(lines, start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        try:
            value = normalise_entry(entry)
        except DncError as exc:
            raise DncError(f"{path} line {number}: {exc}") from None
        (found.addresses if "@" in value else found.domains).add(value)
    return found


def add_to_dnc(path: Path, entries: list[str]) -> list[str]:
    """Append the entries not on the list yet; returns them (normalised). A bad entry
    raises DncError before anything is written."""
    values = [normalise_entry(e) for e in entries]
    current = read_dnc(path)
    known = current.domains | current.addresses
    new = [v for v in dict.fromkeys(values) if v not in known]
    if new:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = "" if path.exists() and path.stat().st_size else HEADER
            if path.exists() and path.stat().st_size and not path.read_bytes().endswith(b"\n"):
                text = "\n"
            with path.open("a", encoding="utf-8") as handle:
                handle.write(text + "".join(f"{v}\n" for v in new))
        except OSError as exc:
            raise DncError(f"cannot write {path}: {exc.strerror or exc}") from None
    return new
