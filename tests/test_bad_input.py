"""Bad input: one clear line on stderr, a non-zero exit, no traceback, data kept."""

from __future__ import annotations

import pytest

from tests.conftest import run_crawl


def assert_one_line_error(result, fragment: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and fragment in errors[0], result.stderr[-2000:]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ({}, "missing seeds"),
        ({"seeds": ""}, "missing seeds"),
        ({"seeds": "does/not/exist.txt"}, "seeds file not found"),
        ({"seeds": "not a url,also bad"}, "no valid URL"),
        ({"seeds": "http://hub.test/", "max_pages": "lots"}, "max_pages must be a whole number"),
        ({"seeds": "http://hub.test/", "depth": "-1"}, "depth must be 0 or more"),
    ],
)
def test_bad_spider_arguments(tmp_path, args, fragment):
    assert_one_line_error(run_crawl(tmp_path, None, args=args), fragment)


def test_seeds_file_with_only_comments_and_junk(tmp_path):
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# only a comment\n\nnot-a-url\nftp://x.test/\n")
    assert_one_line_error(run_crawl(tmp_path, None, args={"seeds": str(seeds)}), "no valid URL")


def test_unreadable_seeds_file(tmp_path):
    # /proc/self/mem exists but cannot be read as a file (EIO), even by root
    result = run_crawl(tmp_path, None, args={"seeds": "/proc/self/mem"})
    assert_one_line_error(result, "cannot read seeds file")


def test_seeds_path_is_a_directory(tmp_path):
    assert_one_line_error(
        run_crawl(tmp_path, None, args={"seeds": str(tmp_path)}), "is a directory"
    )


def test_unwritable_database_path(tmp_path):
    result = run_crawl(
        tmp_path,
        None,
        args={"seeds": "http://hub.test/"},
        settings={"LINKPROSPECTOR_DB": "/proc/linkprospector/x.db"},
    )
    assert_one_line_error(result, "database")


def test_unknown_spider(tmp_path):
    assert_one_line_error(run_crawl(tmp_path, None, spider="nope"), "no spider named")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LINKPROSPECTOR_CHECK_TIMEOUT", "soon"),
        ("LINKPROSPECTOR_GC_THRESHOLD", "lots"),
        ("LINKPROSPECTOR_GC_THRESHOLD", "1000,10"),
        ("LINKPROSPECTOR_GC_THRESHOLD", "0,10,10"),  # 0 would switch the collector off
    ],
)
def test_bad_setting(tmp_path, name, value):
    result = run_crawl(tmp_path, None, args={"seeds": "http://hub.test/"}, settings={name: value})
    assert_one_line_error(result, name)


def test_invalid_seed_lines_are_reported_and_skipped(tmp_path, core_localweb):
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# seeds\nhttp://hub.test/   # the hub\nnot a url at all\n")
    result = run_crawl(tmp_path, core_localweb, args={"seeds": str(seeds), "depth": "0"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "skipped invalid seed line: not" in result.stderr
    assert result.db["pages"].count == 1


def test_every_seed_unreachable_is_an_error_without_traceback(tmp_path, core_localweb):
    result = run_crawl(tmp_path, core_localweb, args={"seeds": "http://nxdomain.test/"})
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "page not crawled: http://nxdomain.test/ (dns)" in result.stderr
    assert "linkprospector: error: no page could be crawled" in result.stderr
