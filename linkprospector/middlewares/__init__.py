"""Downloader and spider middlewares: link checks, hostile-response inspection, the outage
guard, robots.txt, fresh-page replay, outbound-link checks."""
