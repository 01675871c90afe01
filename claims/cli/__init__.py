"""The command line: ``claims.cli.app`` builds the root Typer app from one module per command group."""

from claims.cli.app import app, main

__all__ = ["app", "main"]
