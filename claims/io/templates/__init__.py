"""Jinja2 templates of the disputed-claims reports (see :mod:`claims.io.reports`)."""
