"""MkDocs hooks of the generated site.

1. The hand-written home page intro (`_beranda.md` in the docs directory) goes where the
   generated home page has its marker. The intro stays a plain file that `kinerja
   generate` never touches, and the page is excluded from the build itself.

2. Pre-rendered HTML blocks skip Python-Markdown. The generator writes its big tables as
   complete HTML between `<!-- kinerja:html -->` and `<!-- /kinerja:html -->`. Markdown
   would only pass them through, but parsing them costs more than the rest of the page
   (a province OPD-year page: ~360 ms of ~500 ms). The blocks are lifted out before
   conversion and put back after it, with their relative links resolved exactly as
   MkDocs resolves Markdown links (a broken one is a warning, so `--strict` fails).
   A block marked `data-search-exclude` goes back only into the finished HTML page,
   after the search plugin has read the content: it would skip the block anyway, but
   parsing it to find that out costs as much as the Markdown did.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
import secrets

log = logging.getLogger("mkdocs.plugins.kinerja")

PENANDA = "<!-- kinerja:beranda-intro -->"
INTRO = "_beranda.md"

BUKA = "<!-- kinerja:html -->"
TUTUP = "<!-- /kinerja:html -->"

# A token per build that no data can guess, so text in a page can never pass for a block.
_TOKEN = "kinerjablok" + secrets.token_hex(8)
# An HTML comment: Markdown keeps it as it is, and search indexes no text from it.
_PLACEHOLDER = re.compile(rf"<!--{_TOKEN}x(\d+)-->")
_TAUTAN = re.compile(r'\b(href|src)="([^"]*)"')
_SKEMA = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

_blok: dict[str, list[str]] = {}
_tunda: dict[str, dict[int, str]] = {}  # blocks for on_post_page, links resolved


def on_page_markdown(markdown, page, config, files, **kwargs):
    if page.file.src_uri == "index.md" and PENANDA in markdown:
        path = posixpath.join(config["docs_dir"], INTRO)
        try:
            with open(path, encoding="utf-8") as f:
                intro = f.read().strip()
        except OSError:
            intro = ""
        markdown = markdown.replace(PENANDA, intro, 1)
    if BUKA not in markdown:
        return markdown
    blok, bagian, pos = [], [], 0
    while True:
        awal = markdown.find(BUKA, pos)
        if awal < 0:
            break
        akhir = markdown.find(TUTUP, awal)
        if akhir < 0:
            log.warning("%s: blok HTML tanpa penutup %s", page.file.src_uri, TUTUP)
            break
        bagian.append(markdown[pos:awal])
        bagian.append(f"\n\n<!--{_TOKEN}x{len(blok)}-->\n\n")
        blok.append(markdown[awal + len(BUKA):akhir].strip("\n"))
        pos = akhir + len(TUTUP)
    bagian.append(markdown[pos:])
    _blok[page.file.src_uri] = blok
    return "".join(bagian)


def _penaut(page, files):
    """Resolve a link written relative to the page's Markdown file into the built URL."""
    folder = posixpath.dirname(page.file.src_uri)
    cache: dict[str, str] = {}

    def ganti(m: re.Match) -> str:
        attr, nilai = m.group(1), m.group(2)
        if nilai in cache:
            return cache[nilai]
        target = html.unescape(nilai)
        if not target or target.startswith(("#", "/")) or _SKEMA.match(target):
            hasil = m.group(0)
        else:
            path, _, frag = target.partition("#")
            docs_path = posixpath.normpath(posixpath.join(folder, path))
            f = files.get_file_from_path(docs_path)
            if f is None:
                log.warning("%s: tautan '%s' menunjuk ke berkas yang tidak ada", page.file.src_uri, target)
                hasil = m.group(0)
            else:
                url = f.url_relative_to(page.file) + (f"#{frag}" if frag else "")
                hasil = f'{attr}="{html.escape(url)}"'
        cache[nilai] = hasil
        return hasil

    return ganti


def _dikecualikan(blok: str) -> bool:
    """Whether the block's outer element is excluded from search."""
    return "data-search-exclude" in blok[: blok.find(">") + 1]


def on_page_content(content, page, config, files, **kwargs):
    blok = _blok.pop(page.file.src_uri, None)
    if not blok:
        return content
    ganti = _penaut(page, files)
    dipakai = set()
    tunda: dict[int, str] = {}

    def pasang(m: re.Match) -> str:
        n = int(m.group(1))
        dipakai.add(n)
        isi = _TAUTAN.sub(ganti, blok[n])
        if _dikecualikan(isi):
            tunda[n] = isi
            return m.group(0)
        return isi

    content = _PLACEHOLDER.sub(pasang, content)
    if len(dipakai) != len(blok):
        log.warning("%s: %d blok HTML tidak dapat dipasang kembali", page.file.src_uri, len(blok) - len(dipakai))
    if tunda:
        _tunda[page.file.src_uri] = tunda
    return content


def on_post_page(output, page, config, **kwargs):
    tunda = _tunda.pop(page.file.src_uri, None)
    if not tunda:
        return output
    dipakai = set()

    def pasang(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in tunda:
            return m.group(0)
        dipakai.add(n)
        return tunda[n]

    output = _PLACEHOLDER.sub(pasang, output)
    if len(dipakai) != len(tunda):
        log.warning("%s: %d blok HTML tidak dapat dipasang kembali", page.file.src_uri, len(tunda) - len(dipakai))
    return output
