"""What users bring: spider arguments and the files they hand over (backlink exports,
URL lists), read and validated into plain data. Pure: no Scrapy, no storage."""
