"""Pure judgement: verdicts, signatures, soft-404s, TLS problems, network health rules,
confirmation rules, opportunity value. Imports neither Scrapy nor storage.
"""
