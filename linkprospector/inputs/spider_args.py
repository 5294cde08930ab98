"""Spider arguments, parsed and validated in one place before a crawl starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from linkprospector.reading.urls import normalize_url


class ArgumentError(ValueError):
    """A spider argument is unusable; the message is one line for the user."""


@dataclass
class SeedList:
    """Seed URLs, with the lines that were not valid URLs."""

    urls: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


def parse_seed_lines(lines: list[str]) -> SeedList:
    """Valid, normalised, de-duplicated seed URLs from lines (``#`` comments allowed)."""
    seeds = SeedList()
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.split()[0]  # drops inline comments and trailing notes
        candidate = line if "://" in line else f"https://{line}"
        url = normalize_url(candidate)
        host = url.split("/")[2] if url else ""
        if url is None or ("." not in host and host != "localhost"):
            seeds.invalid.append(line)
        elif url not in seeds.urls:
            seeds.urls.append(url)
    return seeds


def load_seeds(value: str | None) -> SeedList:
    """Seeds from a file path (one URL per line) or comma-separated URLs."""
    if value is None or not str(value).strip():
        raise ArgumentError(
            "missing seeds: use -a seeds=FILE (one URL per line) or -a seeds=URL,URL"
        )
    value = str(value).strip()
    looks_like_urls = "://" in value or ("," in value and not Path(value).exists())
    if looks_like_urls:
        lines = value.split(",")
    else:
        path = Path(value).expanduser()
        if not path.exists():
            raise ArgumentError(f"seeds file not found: {path}")
        if path.is_dir():
            raise ArgumentError(f"seeds file is a directory: {path}")
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise ArgumentError(f"cannot read seeds file {path}: {exc.strerror or exc}") from None
    seeds = parse_seed_lines(lines)
    if not seeds.urls:
        where = "in the seeds argument" if looks_like_urls else f"in {value}"
        raise ArgumentError(f"no valid URL {where} (one http(s) URL per line expected)")
    return seeds


def parse_count(name: str, value: object, default: int, minimum: int = 0) -> int:
    """A whole-number spider argument of at least ``minimum``, or a one-line error."""
    if value is None or value == "":
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ArgumentError(f"{name} must be a whole number, got {value!r}") from None
    if number < minimum:
        raise ArgumentError(
            f"{name} must be {'positive' if minimum == 1 else f'{minimum} or more'}"
        )
    return number


def parse_positive_int(name: str, value: object, default: int) -> int:
    """A positive integer spider argument (1 or more), or a one-line error."""
    return parse_count(name, value, default, minimum=1)


def parse_choice(name: str, value: object, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices`` (case-insensitive), or a one-line error."""
    if value is None or value == "":
        return default
    text = str(value).strip().lower()
    if text not in choices:
        raise ArgumentError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return text
