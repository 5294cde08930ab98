"""The offline HTML report: the stored rows as the page shows them, inline SVG charts, and
the Jinja2 page, styles and script (``templates/``) shipped as package data."""
