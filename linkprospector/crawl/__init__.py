"""Crawl machinery: resolver, network guard, scheduler queue, downloader, GC tuning, progress,
logs, browser, preflight, run lock, runner.
"""
