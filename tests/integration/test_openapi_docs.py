"""Each family's page starts from its OpenAPI file, authentication, examples
and error table, and the README's first screen points at every page."""

from __future__ import annotations

import re

import pytest

from tests.support.openapi_support import FAMILIES, ROOT


def slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's) gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@pytest.mark.parametrize("family", FAMILIES)
def test_family_page_starts_from_its_openapi_file(family):
    text = (ROOT / "docs" / f"{family}.md").read_text()
    start = next(line for line in text.split("\n\n") if line.startswith("**Start here:**"))
    assert f"(openapi/{family}.json)" in start
    anchors = {slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", start)
    assert len(links) >= 3, start
    missing = [a for a in links if a not in anchors]
    assert not missing, f"docs/{family}.md links to missing headings: {missing}"


def test_readme_first_screen_points_at_every_family_page():
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:25])
    for family in FAMILIES:
        assert f"(docs/{family}.md)" in first_screen
        assert f"(docs/openapi/{family}.json)" in first_screen
