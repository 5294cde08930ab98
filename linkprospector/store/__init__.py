"""Storage: the SQLite schema and migrations, the check history, freshness and replay of pages,
read-only queries.
"""
