"""Repositories: the only code that queries tables."""
