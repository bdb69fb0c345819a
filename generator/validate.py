"""Checks across files of a loaded dataset. Per-row checks happen while loading;
here go the rules that need several records at once."""

from __future__ import annotations

from collections import defaultdict
from operator import attrgetter
from pathlib import Path

from .engine import leluhur
from .errors import Laporan
from .load import muat, tampil
from .model import Dataset, Opd


def periksa_opd(opd: Opd, folder: Path, laporan: Laporan) -> None:
    _anggaran_ganda(opd, tampil(folder / "anggaran.csv"), laporan)
    _renstra(opd, folder, laporan)


def _anggaran_ganda(opd: Opd, label: str, laporan: Laporan) -> None:
    """A budget row on an element whose descendant also has a row that year counts
    the same money twice."""
    induk = {e.id: e.induk for e in opd.elemen}
    # Mostly no element with a budget row has an ancestor with one, whatever the
    # year: then there is nothing to look for year by year.
    dianggarkan = set(map(attrgetter("elemen"), opd.anggaran))
    if not any(anc in dianggarkan for el in dianggarkan for anc in leluhur(el, induk)[1:]):
        return
    rows_by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for a in opd.anggaran:
        rows_by_year[a.tahun].setdefault(a.elemen, a.line)
    naik: dict[str, list[str]] = {}  # each element's ancestors, the same every year
    for tahun, rows in rows_by_year.items():
        reported = set()
        for el, line in rows.items():
            if el not in naik:
                naik[el] = leluhur(el, induk)[1:]
            for anc in naik[el]:
                if anc in rows and (anc, tahun) not in reported:
                    reported.add((anc, tahun))
                    laporan.galat(
                        label, rows[anc], "elemen",
                        f"anggaran {tahun} dicatat pada '{anc}' dan juga pada turunannya '{el}' "
                        f"(baris {line}): dihitung dua kali; catat hanya pada elemen terbawah",
                    )


def _renstra(opd: Opd, folder: Path, laporan: Laporan) -> None:
    label = tampil(folder / "target.csv")
    if opd.renstra_awal is None:
        if opd.target:
            laporan.peringatan(
                tampil(folder / "opd.yaml"), 1, "renstra",
                "periode Renstra tidak diketahui (isi renstra di opd.yaml atau periode di pemda.yaml); "
                "capaian Renstra tidak dihitung",
            )
        return
    for t in opd.target:
        if t.jenis == "renstra" and not (opd.renstra_awal <= t.tahun <= opd.renstra_akhir):
            laporan.peringatan(
                label, t.line, "tahun",
                f"target Renstra {t.tahun} di luar periode Renstra {opd.renstra_awal}–{opd.renstra_akhir}",
            )


def periksa(data: Path) -> tuple[Dataset, Laporan]:
    """Load and validate a data directory: every problem of every file at once."""
    laporan = Laporan()
    dataset = muat(Path(data), laporan)
    for opd in dataset.opd:
        periksa_opd(opd, Path(data) / "opd" / opd.id, laporan)
    return dataset, laporan
