"""The typed config: each LINKPROSPECTOR_* default declared once, read
once per crawler, the same values for Scrapy components and the CLI."""

from __future__ import annotations

import re

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from linkprospector import settings as project_settings
from linkprospector.config import DEFAULTS, Config, ConfigError, setting_name
from tests.conftest import ROOT


def test_settings_module_publishes_every_default_and_nothing_else():
    published = {k: v for k, v in vars(project_settings).items() if k.startswith("LINKPROSPECTOR_")}
    assert published == DEFAULTS.as_settings()
    assert published["LINKPROSPECTOR_CONFIRM_HOURS"] == 20.0
    assert published["LINKPROSPECTOR_DB"] == "output/linkprospector.db"


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("LINKPROSPECTOR_CHECK_RETRIES", "3", 3),
        ("LINKPROSPECTOR_CHECK_RETRIES", 4.0, 4),
        ("LINKPROSPECTOR_CHECK_TIMEOUT", "2.5", 2.5),
        ("LINKPROSPECTOR_OUTAGE_GUARD", "0", False),
        ("LINKPROSPECTOR_OUTAGE_GUARD", "False", False),
        ("LINKPROSPECTOR_OUTAGE_GUARD", "true", True),
        ("LINKPROSPECTOR_SOFT404_PROBE", False, False),
        ("LINKPROSPECTOR_CANARY_URL", "", None),
        ("LINKPROSPECTOR_CANARY_URL", "http://a.test/", "http://a.test/"),
        ("LINKPROSPECTOR_GC_THRESHOLD", "", ""),
        ("LINKPROSPECTOR_DB", "x.db", "x.db"),
    ],
)
def test_values_are_read_as_their_type(name, raw, expected):
    config = Config.from_settings(Settings({name: raw}))
    value = getattr(config, name.removeprefix("LINKPROSPECTOR_").lower())
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("LINKPROSPECTOR_CHECK_TIMEOUT", "soon", "must be a number, got 'soon'"),
        ("LINKPROSPECTOR_CHECK_RETRIES", "2.5", "must be a whole number, got '2.5'"),
        ("LINKPROSPECTOR_OUTAGE_GUARD", "maybe", "must be true or false, got 'maybe'"),
    ],
)  # fmt: skip
def test_a_value_of_the_wrong_kind_is_one_line(name, raw, message):
    with pytest.raises(ConfigError) as caught:
        Config.from_settings(Settings({name: raw}))
    assert str(caught.value) == f"setting {name} {message}"


def test_missing_settings_fall_back_to_the_declared_defaults():
    assert Config.from_settings(Settings({})) == DEFAULTS
    assert Config.from_env({}) == DEFAULTS


def test_the_cli_reads_the_same_names_from_the_environment():
    config = Config.from_env({"LINKPROSPECTOR_CONTACTED_DAYS": "12", "PATH": "/bin"})
    assert config.contacted_days == 12 and config.db == DEFAULTS.db


def test_read_once_per_crawler():
    crawler = get_crawler(settings_dict={"LINKPROSPECTOR_CHECK_RETRIES": 5})
    first = Config.of(crawler)
    assert first.check_retries == 5
    assert Config.of(crawler) is first
    other = get_crawler(settings_dict={})
    assert Config.of(other).check_retries == DEFAULTS.check_retries


def test_no_component_reads_a_linkprospector_setting_around_the_config():
    """Defaults live in config.py only: no ``settings.getint("LINKPROSPECTOR_...", 3)``."""
    read = re.compile(r"\.get(int|float|bool)?\(\s*\"LINKPROSPECTOR_")
    offenders = []
    for room in ("linkprospector", "spiders", "pipelines"):
        for path in (ROOT / room).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if read.search(line) and not line.lstrip().startswith("#"):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_every_field_has_its_setting_name():
    assert setting_name("confirm_bot_404") == "LINKPROSPECTOR_CONFIRM_BOT_404"
    assert set(DEFAULTS.as_settings()) == {setting_name(n) for n in vars(DEFAULTS)}
