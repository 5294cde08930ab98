"""Many machines: shards by registrable domain, the PostgreSQL store, Procrastinate jobs and
workers. Nothing here is imported by a one-machine (SQLite) crawl."""
