"""Request meta keys the spiders share."""

DEPTH = "linkprospector_depth"
RENDER = "linkprospector_render"  # meta of a browser re-request: reason, raw link URLs
FOUND_BY = "linkprospector_found_by"  # the search query that found a seed
