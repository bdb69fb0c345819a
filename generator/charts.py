"""SVG charts drawn at generate time: they read without JavaScript, and as images
(`<img src=….svg>`) they cannot run anything even if a label were hostile.

Every bar carries its value as text and the legend names each series, so no chart
depends on colour alone. Labels from the data go through `pages.esc`.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from .model import Skala
from .numbers import format_nilai, format_persen

WARNA = {"target": "#8a8a8a", "realisasi": "#1e5aa8", "capaian": "#1e5aa8", "serapan": "#2e7d32"}
LEBAR = 720
TINGGI = 300  # of the bar charts per year (pages give <img> this size, so nothing shifts)
HURUF = 'font-family="sans-serif" font-size="12"'  # set once on <svg>, inherited by every text


@functools.cache
def _pengaman():
    from .pages import esc  # one escaping function for pages and charts

    return esc


_ESC: dict[str, str] = {}


def _esc(text: str) -> str:
    # Value labels, years and titles repeat across thousands of charts: escape each once.
    s = _ESC.get(text) if type(text) is str else None
    if s is None:
        if type(text) is not str:
            return str(_pengaman()(text))
        if len(_ESC) > 65536:
            _ESC.clear()
        s = _ESC[text] = str(_pengaman()(text))
    return s


def _pendek(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _awal(tinggi: int, judul: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {tinggi}" '
        f'width="{LEBAR}" height="{tinggi}" role="img" aria-label="{_esc(judul)}" {HURUF} fill="#222">',
        f"<title>{_esc(judul)}</title>",
        f'<rect x="0" y="0" width="{LEBAR}" height="{tinggi}" fill="#ffffff"/>',
    ]


def _legenda(seri: list[tuple[str, str]], y: int) -> list[str]:
    out, x = [], 60
    for nama, kunci in seri:
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{WARNA[kunci]}"/>')
        out.append(f'<text x="{x + 18}" y="{y}">{_esc(nama)}</text>')
        x += 30 + 8 * len(nama)
    return out


@functools.cache
def _tata_letak(n: int, kunci: tuple[str, ...]) -> tuple:
    """What a bar chart with `n` groups and these series draws whatever its values:
    per group and series the x of a bar, its empty mark, and the text before each
    computed coordinate; per group the x of its label. 15 000 indicator charts of a
    province share a handful of layouts."""
    atas, bawah, kiri = 40, 50, 60
    plot_h = TINGGI - atas - bawah
    lebar_plot = LEBAR - kiri - 20
    n_kel = max(1, n)
    lebar_kel = lebar_plot / n_kel
    lebar_bar = min(48.0, lebar_kel * 0.8 / max(1, len(kunci)))
    grup = []
    for i in range(n):
        x0 = kiri + i * lebar_kel + (lebar_kel - lebar_bar * len(kunci)) / 2
        bar = []
        for j, k in enumerate(kunci):
            x = x0 + j * lebar_bar
            bar.append((
                f'<text x="{x + lebar_bar / 2:.1f}" y="{atas + plot_h - 4:.1f}" text-anchor="middle" fill="#555">–</text>',
                f'<rect x="{x + 2:.1f}" y="',
                f'" width="{lebar_bar - 4:.1f}" height="',
                f'" fill="{WARNA[k]}"/>',
                f'<text x="{x + lebar_bar / 2:.1f}" y="',
            ))
        label = f'<text x="{kiri + i * lebar_kel + lebar_kel / 2:.1f}" y="{atas + plot_h + 16:.1f}" text-anchor="middle">'
        grup.append((tuple(bar), label))
    return tuple(grup)


@functools.cache
def _legenda_tetap(seri: tuple[tuple[str, str], ...], y: int) -> str:
    return "\n".join(_legenda(list(seri), y))


# The x axis of the bar charts (TINGGI, top 40, bottom 50, left 60) and their group
# labels (years, a handful of them), written once.
_SUMBU = f'<line x1="60" y1="{TINGGI - 50:.1f}" x2="{LEBAR - 20}" y2="{TINGGI - 50:.1f}" stroke="#555"/>'
_LABEL: dict[str, str] = {}


def _batang_tegak(
    kelompok: list[str],
    seri: list[tuple[str, str, list[Decimal | None]]],
    judul: str,
    teks_nilai,
    skala_maks: Decimal,
    garis: Decimal | None = None,
    label_sumbu=None,
    teks_seri: list[list[str | None]] | None = None,
) -> str:
    """Vertical grouped bars: one group per label (a year), one bar per series.
    `teks_seri`, when given, holds each value's label already written and escaped."""
    tinggi, atas, bawah, kiri = TINGGI, 40, 50, 60
    plot_h = tinggi - atas - bawah
    dasar = atas + plot_h
    maks = float(skala_maks) or 1.0

    def y(v: Decimal) -> float:
        return atas + plot_h - max(0.0, min(float(v), maks)) / maks * plot_h

    out = _awal(tinggi, judul)
    out.append(f'<text x="{kiri}" y="20" font-weight="bold">{_esc(_pendek(judul, 95))}</text>')
    out.append(_SUMBU)
    for tick in label_sumbu or []:
        nilai, teks = tick
        out.append(f'<text x="{kiri - 6}" y="{y(nilai) + 4:.1f}" text-anchor="end" fill="#555">{_esc(teks)}</text>')
    if garis is not None:
        gy = f"{y(garis):.1f}"
        out.append(f'<line x1="{kiri}" y1="{gy}" x2="{LEBAR - 20}" y2="{gy}" stroke="#b71c1c" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{kiri - 6}" y="{float(gy) + 4:.1f}" text-anchor="end" fill="#b71c1c">{_esc(format_persen(garis))}</text>')
    tata = _tata_letak(len(kelompok), tuple(kunci for _, kunci, _ in seri))
    nilai_seri = [nilai for _, _, nilai in seri]
    for i, label in enumerate(kelompok):
        bar, awal_label = tata[i]
        for j, (kosong, rect, lebar, isi, teks) in enumerate(bar):
            v = nilai_seri[j][i]
            if v is None:
                out.append(kosong)
                continue
            # y(v) written out: 150 000 bars of a province.
            f = float(v)
            top = dasar - max(0.0, min(f, maks)) / maks * plot_h
            out.append(f'{rect}{top:.1f}{lebar}{dasar - top:.1f}{isi}')
            tv = teks_seri[j][i] if teks_seri is not None else _esc(teks_nilai(v))
            out.append(f'{teks}{top - 4:.1f}" font-size="10" text-anchor="middle">{tv}</text>')
        teks_label = _LABEL.get(label) if type(label) is str else None
        if teks_label is None:
            teks_label = _esc(_pendek(label, 14))
            if type(label) is str and len(_LABEL) < 4096:
                _LABEL[label] = teks_label
        out.append(f'{awal_label}{teks_label}</text>')
    out.append(_legenda_tetap(tuple((nama, kunci) for nama, kunci, _ in seri), tinggi - 10))
    out.append("</svg>")
    return "\n".join(out) + "\n"


_RUANG = Decimal("1.15")  # headroom above the highest bar for its value label
_RUANG_F = float(_RUANG)


def _maks(values, minimum: Decimal) -> Decimal:
    present = [v for v in values if v is not None]
    top = max([*present, minimum])
    return top * _RUANG


def ringkasan_tahunan(items: list[tuple[str, Decimal | None, Decimal | None]], judul: str) -> str:
    """Per year: rata-rata capaian of the IKU and serapan anggaran (both %)."""
    cap = [c for _, c, _ in items]
    ser = [s for _, _, s in items]
    return _batang_tegak(
        [label for label, _, _ in items],
        [("Rata-rata capaian IKU", "capaian", cap), ("Serapan anggaran", "serapan", ser)],
        judul, format_persen, _maks(cap + ser, Decimal(100)), garis=Decimal(100),
    )


# Indicator charts are inline in their page (15 000 of a province): they take their
# colours, fonts and anchors from the page's stylesheet (`figure.grafik` in
# kinerja.css) instead of repeating them as attributes, use whole pixels, and leave
# the legend to the figure's caption (`KETERANGAN`). Top of the plot, its height,
# and the baseline; the left margin holds a category scale's codes.
_I_ATAS, _I_PLOT, _I_KIRI = 16, 200, 60
_I_DASAR = _I_ATAS + _I_PLOT
_I_TINGGI = _I_DASAR + 26
KETERANGAN = ('<figcaption><span class="kunci t"></span>Target '
              '<span class="kunci r"></span>Realisasi</figcaption>')
_I_SUMBU = f'<line class="s" x1="{_I_KIRI}" y1="{_I_DASAR}" x2="{LEBAR - 20}" y2="{_I_DASAR}"/>'


@functools.cache
def _tata_inline(n: int) -> tuple:
    """Per year of an inline chart with `n` years: for the target and the realisasi
    bar the text before its y, between y and height, and before its label's y, and
    its empty mark; the x of the year's label."""
    lebar_kel = (LEBAR - _I_KIRI - 20) / max(1, n)
    lebar_bar = min(48.0, lebar_kel * 0.4)
    out = []
    for i in range(n):
        x0 = _I_KIRI + i * lebar_kel + (lebar_kel - 2 * lebar_bar) / 2
        bar = []
        for j, kelas in enumerate("tr"):
            x = x0 + j * lebar_bar
            tengah = round(x + lebar_bar / 2)
            bar.append((
                f'<rect class="{kelas}" x="{round(x + 2)}" y="',
                f'" width="{round(lebar_bar - 4)}" height="',
                f'"/><text x="{tengah}" y="',
                f'<text class="e" x="{tengah}" y="{_I_DASAR - 4}">&#8211;</text>',
            ))
        out.append((tuple(bar), round(_I_KIRI + i * lebar_kel + lebar_kel / 2)))
    return tuple(out)


_TAHUN_INLINE: dict[tuple[str, ...], str] = {}


def _kaki_inline(label: tuple[str, ...]) -> str:
    """The axis and the year labels of an inline chart, made once per set of years."""
    s = _TAHUN_INLINE.get(label)
    if s is None:
        tata = _tata_inline(len(label))
        teks = [f'<text class="k" x="{x}" y="{_I_DASAR + 16}">{_esc(_pendek(th, 14))}</text>'
                for (_, x), th in zip(tata, label)]
        s = "\n".join([_I_SUMBU, *teks, "</svg>\n"])
        if len(_TAHUN_INLINE) < 4096:
            _TAHUN_INLINE[label] = s
    return s


def _batang_inline(label: tuple[str, ...], tgt: list, real: list, judul: str, teks_seri: list,
                   maks: float, sumbu: list[tuple[Decimal, str]] | None = None) -> str:
    """`tgt` and `real` are floats or None (drawn to the pixel: no need for Decimal)."""
    j = _esc(judul)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {_I_TINGGI}" '
           f'width="{LEBAR}" height="{_I_TINGGI}" role="img" aria-label="{j}"><title>{j}</title>']
    maks = maks or 1.0
    skala = _I_PLOT / maks
    dasar = _I_DASAR
    for nilai, teks in sumbu or ():
        ty = dasar - round(max(0.0, min(float(nilai), maks)) * skala)
        out.append(f'<text class="a" x="{_I_KIRI - 6}" y="{ty + 4}">{_esc(teks)}</text>')
    teks_t, teks_r = teks_seri
    for i, (bar, _) in enumerate(_tata_inline(len(label))):
        f = tgt[i]
        if f is None:
            out.append(bar[0][3])
        else:
            h = round((f if f < maks else maks) * skala) if f > 0 else 0
            awal, tengah, teks, _ = bar[0]
            out.append(f'{awal}{dasar - h}{tengah}{h}{teks}{dasar - h - 4}">{teks_t[i]}</text>')
        f = real[i]
        if f is None:
            out.append(bar[1][3])
        else:
            h = round((f if f < maks else maks) * skala) if f > 0 else 0
            awal, tengah, teks, _ = bar[1]
            out.append(f'{awal}{dasar - h}{tengah}{h}{teks}{dasar - h - 4}">{teks_r[i]}</text>')
    out.append(_kaki_inline(label))
    return "\n".join(out)


def target_realisasi(items: list[tuple[str, object, object]], skala: Skala | None, judul: str,
                     teks_nilai=format_nilai, teks: list[tuple[str | None, str | None]] | None = None) -> str:
    """Per year: target vs realisasi of one indicator, an inline SVG for a
    `<figure class="grafik">` with `KETERANGAN` as its caption. Category values are
    drawn as their score on the indicator's scale (best = n), labelled with the
    category code. `teks_nilai` writes a value (the pages pass their cached
    `format_nilai`); `teks`, when given, has the target and realisasi of each item
    already written by it and escaped (the pages' table cells), used for numbers."""
    label = tuple([lb for lb, _, _ in items])
    D = Decimal
    if skala is not None:
        def skor(v):
            s = skala.skor(str(v)) if v is not None else None
            return None if s is None else D(s)

        kode = {D(skala.skor(b.kode)): b.kode for b in skala.bands}
        tgt = [skor(t) for _, t, _ in items]
        real = [skor(r) for _, _, r in items]
        teks_seri = [["" if v is None else _esc(kode.get(v, "")) for v in seri] for seri in (tgt, real)]
        return _batang_inline(label, [None if v is None else float(v) for v in tgt],
                              [None if v is None else float(v) for v in real], judul, teks_seri,
                              float(len(skala.bands) * _RUANG), sorted(kode.items()))

    # Only numbers are drawn (a category code where a number is expected is not).
    tgt = [float(t) if type(t) is D else None for _, t, _ in items]
    real = [float(r) if type(r) is D else None for _, _, r in items]
    if teks is None:
        teks_seri = [["" if t is None or type(t) is not D else _esc(teks_nilai(t)) for _, t, _ in items],
                     ["" if r is None or type(r) is not D else _esc(teks_nilai(r)) for _, _, r in items]]
    else:
        teks_seri = [[t for t, _ in teks], [r for _, r in teks]]
    # The highest bar (or 0) with headroom for its label.
    maks = max([0.0, *[v for v in tgt if v is not None], *[v for v in real if v is not None]]) * _RUANG_F
    return _batang_inline(label, tgt, real, judul, teks_seri, maks)


def per_sasaran(items: list[tuple[str, Decimal | None, Decimal | None]], judul: str) -> str:
    """Horizontal bars per sasaran: mean capaian of its indicators and serapan of its budget."""
    baris_h, atas, kiri = 22, 44, 20
    tinggi = atas + len(items) * (baris_h * 2 + 26) + 30
    lebar_plot = LEBAR - kiri - 90
    maks = float(_maks([c for _, c, _ in items] + [s for _, _, s in items], Decimal(100)))
    out = _awal(tinggi, judul)
    out.append(f'<text x="{kiri}" y="20" font-weight="bold">{_esc(_pendek(judul, 95))}</text>')
    x100 = kiri + 100 / maks * lebar_plot
    y = atas
    for label, cap, ser in items:
        out.append(f'<text x="{kiri}" y="{y + 10}">{_esc(_pendek(label, 100))}</text>')
        y += 16
        for nama, kunci, v in (("Capaian", "capaian", cap), ("Serapan", "serapan", ser)):
            if v is None:
                out.append(f'<text x="{kiri}" y="{y + 14}" fill="#555">{nama}: – (tidak dapat dihitung)</text>')
            else:
                w = max(0.0, min(float(v), maks)) / maks * lebar_plot
                out.append(f'<rect x="{kiri}" y="{y + 2}" width="{w:.1f}" height="{baris_h - 6}" fill="{WARNA[kunci]}"/>')
                out.append(f'<text x="{kiri + w + 6:.1f}" y="{y + 14}">{nama} {_esc(format_persen(v))}</text>')
            y += baris_h
        y += 10
    out.append(f'<line x1="{x100:.1f}" y1="{atas}" x2="{x100:.1f}" y2="{y}" stroke="#b71c1c" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{x100:.1f}" y="{y + 14}" text-anchor="middle" fill="#b71c1c">100%</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
