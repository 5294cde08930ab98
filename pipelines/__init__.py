"""Scrapy item pipelines: SQLite writing and parked-host verdicts."""
