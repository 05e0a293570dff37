"""The documentation holds together: every relative link in README.md and docs/*.md reaches a file,
every `#anchor` a heading of the page it names (as GitHub and MkDocs make heading ids), the README
stays a front door (at most 250 lines) and links every docs page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.S | re.M)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\)|(?:src|href)=\"([^\"]+)\"")


def prose(text: str) -> str:
    """The page without its code blocks and inline code, where a link is only an example."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))


def anchor(heading: str) -> str:
    """A heading's id: an explicit `{#id}`, or GitHub's slug (lower case, punctuation dropped,
    spaces to hyphens, Vietnamese letters kept)."""
    if found := re.search(r"\{#([\w-]+)\}\s*$", heading):
        return found[1]
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+)$", FENCE.sub("", page.read_text(encoding="utf-8")), re.M):
        slug, n = anchor(heading), 1
        while slug in found:  # a repeated heading gets -1, -2, …
            slug, n = f"{anchor(heading)}-{n}", n + 1
        found.add(slug)
    return found


def relative_links(page: Path) -> list[str]:
    links = [a or b for a, b in LINK.findall(prose(page.read_text(encoding="utf-8")))]
    return [link for link in links if not re.match(r"[a-z][a-z0-9+.-]*:", link)]


def broken(page: Path, root: Path = ROOT) -> list[str]:
    found = []
    for link in relative_links(page):
        path, _, fragment = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists():
            found.append(f"{page.relative_to(root)}: {link}: no such file")
        elif fragment and target.suffix == ".md" and fragment not in anchors(target):
            found.append(f"{page.relative_to(root)}: {link}: no heading #{fragment} in {target.relative_to(root)}")
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page):
    assert broken(page) == []


def test_a_broken_link_and_a_broken_anchor_are_reported(tmp_path):
    (tmp_path / "a.md").write_text("# Một trang\n\n## Cách dùng `cchc`\n", encoding="utf-8")
    page = tmp_path.resolve() / "b.md"
    page.write_text("[ok](a.md#cách-dùng-cchc) [x](khong-co.md) [y](a.md#khong-co) `[z](code.md)`\n", encoding="utf-8")
    problems = [p.split(": ", 1)[1] for p in broken(page, tmp_path.resolve())]
    assert problems == ["khong-co.md: no such file", "a.md#khong-co: no heading #khong-co in a.md"]


def test_the_readme_is_a_front_door_that_links_every_docs_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    linked = {link.partition("#")[0] for link in relative_links(ROOT / "README.md")}
    assert {f"docs/{p.name}" for p in PAGES[1:]} - linked == set()
