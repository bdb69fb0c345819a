"""The built site in a real browser: Debian's Chromium driven by Playwright over a
local HTTP server. Home → OPD → year page, a known capaian in Indonesian format,
search for an indicator, no dialogs from hostile names, and screenshots (desktop
and a 375 px phone, where wide tables must scroll inside the page, not widen it)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest_site import FIXTURE, ROOT, bangun, data_jahat

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"

playwright_api = pytest.importorskip("playwright.sync_api", reason="paket playwright tidak terpasang (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} tidak ada dan tidak dapat dipasang (make test memasangnya dengan apt-get)", allow_module_level=True)


class _Diam(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    _, situs = bangun(FIXTURE, root / "baik")
    _, jahat = bangun(data_jahat(root / "data-jahat"), root / "jahat")
    shutil.copytree(jahat, situs / "jahat")
    handler = functools.partial(_Diam, directory=str(situs))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def browser_page(tmp_path):
    with playwright_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profil"), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900},
        )
        page = ctx.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        try:
            yield page, dialogs, requests
        finally:
            ctx.close()


def _simpan(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SCREENSHOTS / name)
    return path


def test_home_to_year_page_and_search(server, browser_page, tmp_path):
    page, dialogs, requests = browser_page
    page.goto(server)
    assert page.title().startswith("Pemerintah Kabupaten Sukamaju")
    page.get_by_role("link", name="Dinas Kesehatan Kabupaten Sukamaju").first.click()
    page.wait_for_url("**/opd/dinas-kesehatan/")
    page.locator("article").get_by_role("link", name="2022", exact=True).first.click()
    page.wait_for_url("**/opd/dinas-kesehatan/2022/")
    row = page.locator("tr", has_text="Indeks Kepuasan Masyarakat Layanan Kesehatan").first
    assert "105,08%" in row.inner_text()
    assert "Sangat Tinggi" in row.inner_text()
    shot = _simpan(page, tmp_path, "opd-tahun.png")
    assert shot.stat().st_size > 10_000

    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Kepuasan Masyarakat", delay=30)  # typed, as a person does
    # the indicator's own section is a result of its own
    hasil = page.locator("a.md-search-result__link", has_text="Indeks Kepuasan Masyarakat Layanan Kesehatan").first
    hasil.wait_for(timeout=15_000)
    hasil.click()
    # the indicator's section on its group page (ikm belongs to a sasaran)
    page.wait_for_url(lambda u: "/indikator/dinas-kesehatan/sasaran/" in u and u.endswith("#ind-ikm"))
    assert page.locator("h2#ind-ikm").inner_text() == "Indeks Kepuasan Masyarakat Layanan Kesehatan"
    row = page.locator("h2#ind-ikm + .tabel tr", has_text="2022").first
    assert "105,08%" in row.inner_text()
    # a link in a pre-rendered table leads to the section, and the year back to its page
    page.goto(server + "opd/dinas-kesehatan/2022/")
    page.locator("article tr", has_text="Jumlah Puskesmas Baru").first.get_by_role("link").first.click()
    page.wait_for_url("**/indikator/dinas-kesehatan/p1/#ind-puskesmas")
    page.locator("h2#ind-puskesmas + .tabel").get_by_role("link", name="2022", exact=True).click()
    page.wait_for_url("**/opd/dinas-kesehatan/2022/")

    page.goto(server)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("1.02.02", delay=30)
    # a nomenclature code is one search term: the program's page is found by it
    page.locator(".md-search-result__item", has_text="1.02.02").first.wait_for(timeout=15_000)

    assert dialogs == []
    assert all(u.startswith(server) for u in requests), [u for u in requests if not u.startswith(server)]


def test_phone_tables_scroll(server, browser_page, tmp_path):
    page, dialogs, _ = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(server + "opd/dinas-kesehatan/2023/")
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 375
    tabel = page.locator(".tabel.lebar").first
    assert tabel.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside its box
    _simpan(page, tmp_path, "opd-tahun-375.png")
    assert dialogs == []


def test_hostile_site_opens_no_dialog(server, browser_page, tmp_path):
    page, dialogs, _ = browser_page
    for path in ("", "opd/dinas-kesehatan/", "opd/dinas-kesehatan/2022/", "indikator/dinas-kesehatan/sasaran/"):
        page.goto(server + "jahat/" + path)
        page.wait_for_load_state("load")
        # hover everything a hostile onmouseover could sit on
        for el in page.locator("article td, article a, article h1").all()[:150]:
            if el.is_visible():
                el.hover(timeout=2000)
    page.goto(server + "jahat/opd/dinas-kesehatan/2022/")
    assert "<script>alert(6)</script>" in page.locator("article").inner_text()
    _simpan(page, tmp_path, "jahat.png")
    assert dialogs == []
    assert os.path.getsize(tmp_path / "jahat.png") > 10_000
