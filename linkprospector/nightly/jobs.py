"""Nightly runs: the TOML config, the steps it names, log files, and the crawls themselves.

A config file has top-level keys (``db``, ``log_dir``, ``keep_logs``), a ``[settings]``
table (Scrapy / ``LINKPROSPECTOR_*`` settings) and one table per step. ``[crawl]`` is
built in; other steps (``[competitors]``, ``[export]``...) register a :class:`Section`
with :func:`register_section` from their own module, so the config grows without
changes here. A section contributes crawl jobs (run together in one Scrapy process)
and/or an ``after`` action run once the crawls are done.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkprospector.store.storage import DEFAULT_DB

DEFAULT_LOG_DIR = "output/logs"
DEFAULT_KEEP_LOGS = 30
TOP_LEVEL_KEYS = {"db": str, "log_dir": str, "keep_logs": int}


class ConfigError(ValueError):
    """The config file is unusable; the message is one line for the user."""


@dataclass
class CrawlJob:
    """One spider to run, with its arguments."""

    spider: str
    args: dict[str, str]
    section: str = "crawl"


@dataclass
class NightlyConfig:
    """A parsed config file (paths resolved against the file's folder)."""

    path: Path
    db: Path | str  # a postgresql:// URL for a run on many machines
    log_dir: Path
    keep_logs: int
    settings: dict[str, Any]
    sections: dict[str, dict[str, Any]]


@dataclass
class NightlyContext:
    """What sections see: the config, and the run ids and stats of the crawls so far."""

    config: NightlyConfig
    log_file: Path
    run_ids: list[int] = field(default_factory=list)
    stats: list[dict] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # printed and logged at the end


@dataclass
class Section:
    """A config table and what it does: crawl jobs, and/or an action after the crawls."""

    name: str
    jobs: Callable[[dict, NightlyConfig], list[CrawlJob]] | None = None
    after: Callable[[dict, NightlyContext], bool] | None = None  # False: not a clean run
    order: int = 100  # after-actions run in this order
    always: bool = False  # runs even when the config has no table for it (with {})
    check: Callable[[dict], None] | None = None  # raises ConfigError before any crawl


SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    """Make a config table known to ``linkprospector nightly``."""
    SECTIONS[section.name] = section
    return section


# -- the built-in [crawl] section ---------------------------------------------------

CRAWL_KEYS = {"spider", "seeds", "max_pages", "depth", "recheck", "render", "render_domains"}


def reject_unknown_keys(table: dict, section: str, known: set[str]) -> None:
    """A one-line ConfigError naming keys of ``[section]`` that mean nothing."""
    unknown = set(table) - known
    if unknown:
        raise ConfigError(
            f"unknown key(s) in [{section}]: {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(known))})"
        )


def crawl_jobs(table: dict, config: NightlyConfig) -> list[CrawlJob]:
    """The ``[crawl]`` table as one job (``seeds``: a list of URLs or a file name)."""
    reject_unknown_keys(table, "crawl", CRAWL_KEYS)
    seeds = table.get("seeds")
    if isinstance(seeds, list) and seeds and all(isinstance(s, str) for s in seeds):
        seeds_arg = ",".join(seeds)
    elif isinstance(seeds, str) and seeds.strip():
        seeds_arg = seeds if "://" in seeds else str(_resolve(config.path, seeds))
    else:
        raise ConfigError("[crawl] needs seeds: a list of URLs or the name of a seeds file")
    args = {"seeds": seeds_arg}
    for key in ("max_pages", "depth", "recheck", "render", "render_domains"):
        if key in table:
            args[key] = str(table[key])
    return [CrawlJob(str(table.get("spider", "resource_pages")), args)]


CRAWL_SECTION = register_section(Section("crawl", jobs=crawl_jobs))


# -- config --------------------------------------------------------------------------


def database(config_path: Path, value: str) -> Path | str:
    """A SQLite path relative to the config's folder, or a PostgreSQL URL as given."""
    from linkprospector.store.pg_store import is_postgres_url

    return value if is_postgres_url(value) else _resolve(config_path, value)


def _resolve(config_path: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else config_path.parent / path


def load_config(path: str | Path) -> NightlyConfig:
    """Read and check a nightly config file, or raise ConfigError."""
    path = Path(path).expanduser()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except IsADirectoryError:
        raise ConfigError(f"config file is a directory: {path}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path) -> NightlyConfig:
    """Check a parsed TOML document; paths are taken relative to ``path``'s folder."""
    sections: dict[str, dict] = {}
    for key, value in data.items():
        if isinstance(value, dict) and key != "settings":
            if key not in SECTIONS:
                known = ", ".join(sorted({*SECTIONS, "settings"}))
                raise ConfigError(f"unknown section [{key}] in {path} (known: {known})")
            sections[key] = value
        elif key == "settings":
            if not isinstance(value, dict):
                raise ConfigError("settings must be a table: [settings]")
        elif key not in TOP_LEVEL_KEYS:
            raise ConfigError(
                f"unknown key {key!r} in {path} (known: {', '.join(sorted(TOP_LEVEL_KEYS))}, "
                "or a [section])"
            )
        elif not isinstance(value, TOP_LEVEL_KEYS[key]) or isinstance(value, bool):
            raise ConfigError(f"{key} must be a {TOP_LEVEL_KEYS[key].__name__}, got {value!r}")
    for name, section in SECTIONS.items():
        if section.always:
            sections.setdefault(name, {})
        if name in sections and section.check is not None:
            section.check(sections[name])
    if not any(SECTIONS[name].jobs for name in sections):
        raise ConfigError(f"nothing to crawl in {path}: add a [crawl] section with seeds")
    settings = dict(data.get("settings", {}))
    for name, value in settings.items():
        if not isinstance(value, str | int | float | bool):
            raise ConfigError(f"setting {name} must be a string, number or boolean")
    keep_logs = data.get("keep_logs", DEFAULT_KEEP_LOGS)
    if keep_logs < 1:
        raise ConfigError("keep_logs must be 1 or more")
    config = NightlyConfig(
        path=path,
        db=database(path, data.get("db") or settings.pop("LINKPROSPECTOR_DB", DEFAULT_DB)),
        log_dir=_resolve(path, data.get("log_dir", DEFAULT_LOG_DIR)),
        keep_logs=keep_logs,
        settings=settings,
        sections=sections,
    )
    settings.pop("LINKPROSPECTOR_DB", None)
    return config


def jobs_of(config: NightlyConfig) -> list[CrawlJob]:
    """Every crawl job the config's sections ask for."""
    jobs: list[CrawlJob] = []
    for name, table in config.sections.items():
        section = SECTIONS[name]
        if section.jobs is not None:
            for job in section.jobs(table, config):
                job.section = name
                jobs.append(job)
    return jobs


# -- logs ----------------------------------------------------------------------------


def new_log_file(log_dir: Path, stamp: str) -> Path:
    """A fresh log file name for this run (``nightly-YYYYmmdd-HHMMSS-PID.log``)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    return log_dir / f"nightly-{stamp}-{os.getpid()}.log"


def prune_logs(log_dir: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest nightly logs; return the deleted paths."""
    logs = sorted(log_dir.glob("nightly-*.log"), key=lambda p: (p.stat().st_mtime, p.name))
    old = logs[: max(len(logs) - keep, 0)]
    for path in old:
        path.unlink(missing_ok=True)
    return old


# -- crawling ------------------------------------------------------------------------


def run_crawls(jobs: list[CrawlJob], overrides: dict[str, Any]) -> list[dict]:
    """Run every job in one Scrapy process (they share the database); return their stats.

    Raises ``linkprospector.crawl.runner.CrawlError`` when a job cannot start.
    """
    from scrapy.crawler import CrawlerProcess

    from linkprospector.crawl.preflight import preflight
    from linkprospector.crawl.runner import CrawlError, project_settings

    settings = project_settings(overrides)
    process = CrawlerProcess(settings)
    crawlers = []
    for job in jobs:
        try:
            spidercls = process.spider_loader.load(job.spider)
        except KeyError:
            raise CrawlError(f"[{job.section}]: no spider named {job.spider!r}") from None
        checked = preflight(spidercls, job.args, settings)
        if checked.problem:
            raise CrawlError(f"[{job.section}]: {checked.problem}")
        crawlers.append((job, process.create_crawler(spidercls), checked.spider_kwargs))
    for job, crawler, parsed in crawlers:
        process.crawl(crawler, **job.args, **parsed)
    process.start()
    return [dict(crawler.stats.get_stats()) if crawler.stats else {} for _, crawler, _ in crawlers]
