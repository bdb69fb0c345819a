"""MkDocs hook: put the hand-written home page intro (`_beranda.md` in the docs
directory) where the generated home page has its marker. The intro stays a plain file
that `kinerja generate` never touches, and the page is excluded from the build itself."""

from __future__ import annotations

from pathlib import Path

PENANDA = "<!-- kinerja:beranda-intro -->"
INTRO = "_beranda.md"


def on_page_markdown(markdown, page, config, files, **kwargs):
    if page.file.src_uri != "index.md" or PENANDA not in markdown:
        return markdown
    path = Path(config["docs_dir"]) / INTRO
    intro = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    return markdown.replace(PENANDA, intro, 1)
