"""The pages' fast number formats write exactly what numbers.format_* write."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from generator import pages
from generator.numbers import format_angka, format_nilai, format_persen, format_rupiah

TEPI = [
    "0", "-0", "0.00", "-0.00", "-0.004", "-0.005", "0.005", "0.004999", "0.015", "0.025", "-0.015",
    "1", "-1", "999.995", "999.994", "-999.995", "1000", "1234.5", "-1234.5", "126.725", "105.075",
    "99.994", "99.995", "1E+3", "1.00E+5", "123456789012345678.995", "-123456789012345678.995",
    "1E+30", "1.5E-10", "2822434850", "2822434850.50", "290000000.50", "9999999.499", "9999999.5",
    "0.1", "0.01", "0.001", "12345678901234567890123456.789", "-12345678901234567890123456.785",
]


@pytest.mark.parametrize("teks", TEPI)
def test_tepi(teks):
    v = Decimal(teks)
    assert pages.persen_cepat(v) == format_persen(v)
    assert pages.angka_cepat(v) == format_angka(v)
    assert pages.rupiah_cepat(v) == format_rupiah(v)


def test_acak():
    rnd = random.Random(20261123)
    for _ in range(5000):
        digits = str(rnd.randrange(0, 10 ** rnd.randint(1, 24)))
        exp = rnd.randint(-8, 4)
        v = Decimal(f"{'-' if rnd.random() < 0.3 else ''}{digits}E{exp}")
        assert pages.persen_cepat(v) == format_persen(v), v
        assert pages.angka_cepat(v) == format_angka(v), v
        assert pages.rupiah_cepat(v) == format_rupiah(v), v
    # ratios as the engine computes them (full context precision)
    for _ in range(5000):
        a, b = Decimal(rnd.randint(1, 10 ** 12)), Decimal(rnd.randint(1, 10 ** 9))
        v = a / b * 100 if rnd.random() < 0.5 else -(a / b)
        assert pages.persen_cepat(v) == format_persen(v), v
        assert pages.angka_cepat(v) == format_angka(v), v
        assert pages.rupiah_cepat(v) == format_rupiah(v), v


def test_nilai_per_teks():
    # Cached by the value's text: -0 and 0 stay apart, 87.50 and 87.5 agree.
    f = pages.Format()
    for teks in ["0", "-0", "0.00", "87.5", "87.50", "-87.5", "12345.678", "1E+3", "1.00E+5"]:
        assert f.nilai(Decimal(teks)) == format_nilai(Decimal(teks))
        assert f.nilai(Decimal(teks)) == format_nilai(Decimal(teks))  # from the cache
    assert f.nilai("B") == "B" and f.nilai("<b>") == str(pages.esc("<b>"))


def _rapat_biasa(text: str, kaki: str) -> str:
    return pages._rapat(text + kaki).rstrip("\n") + "\n"


@pytest.mark.parametrize("text", [
    "# A\n\n\n\nx\n",
    "# A\n" + str(pages.blok("<p>1</p>\n")) + "\n\n\nB\n" + str(pages.blok("<p>2</p>\n")) + str(pages.blok("<p>3</p>\n")),
    "# A\n\n\n\n" + str(pages.blok("<p>1</p>\n")) + "\n\n\n\n",
    "# A\n" + pages.BUKA + "\nopen, never closed\n\n\n\n",
    "# A\n" + pages.BUKA + "\n" + pages.BUKA + "x" + pages.TUTUP + "\n\n\n",
    "# A\n" + pages.TUTUP + "\n\n\n\nstray close\n",
    "\n\n\n",
])
@pytest.mark.parametrize("kaki", ["\n<p>kaki</p>\n", "\n\n\n<p>kaki</p>\n\n\n", "kaki"])
def test_rapat_potong_sama(text, kaki):
    bagian = pages._rapat_potong(text, kaki)
    if bagian is not None:
        assert "".join(bagian) == _rapat_biasa(text, kaki)


@pytest.mark.parametrize("jahat", [False, True])
def test_blok_pengganti_sama(monkeypatch, tmp_path, jahat):
    """Pages rendered with stand-ins for their blocks are the pages rendered with the
    blocks themselves (also with names that carry injection payloads)."""
    from conftest_site import FIXTURE, data_jahat

    from generator.engine import evaluasi
    from generator.errors import Laporan
    from generator.load import muat

    data = data_jahat(tmp_path / "data") if jahat else FIXTURE
    dataset = muat(data, Laporan())
    ev = evaluasi(dataset)
    cepat = pages.render_pages(dataset, ev, data)
    with monkeypatch.context() as m:
        m.setattr(pages, "_ganti_blok", lambda v, blok_: v)
        assert pages.render_pages(dataset, ev, data) == cepat


def test_blok_tumbuh_tidak_diganti():
    # A Blok grown by a Markup operation is not a plain block: it is left in place.
    assert type(pages.blok("<p>1</p>\n") + pages.Markup("x")) is pages.Blok
    blok_ = []
    tumbuh = pages.blok("<p>1</p>\n") + pages.blok("<p>2</p>\n")
    assert pages._ganti_blok(tumbuh, blok_) is tumbuh and blok_ == []
    assert pages._ganti_blok([(1, pages.blok("<p>1</p>\n"))], blok_) == [(1, f"\n\n{pages.BUKA}0{pages.TUTUP}\n\n")]
