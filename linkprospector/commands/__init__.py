"""Scrapy commands (COMMANDS_MODULE): `scrapy crawl` with linkprospector's exit codes."""
