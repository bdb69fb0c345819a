"""Audit of figures printed in earlier documents (`tercetak.csv`) against the engine.

Pure: records in, rows out. The OPD year page shows the rows as the "Pemeriksaan
angka" table and `kinerja check` turns each mismatch into a warning.

Comparison rule. A document prints a figure at some precision: "50%" is an integer,
"96,25" has two decimals. The recomputed figure is first rounded (ROUND_HALF_UP, as
the documents and Excel round) to the number of decimals printed — the exponent of
the printed Decimal, so "50" compares at 0 decimals and "96.20" at 2 — and the two
agree when they then differ by at most 0.01. So a printed "50%" for a computed
50.06 agrees (rounds to 50), a printed "65%" for 64.29 does not (rounds to 64), and
a printed "96,25" for 96.2537 agrees. `selisih` stays the unrounded difference
(dihitung − tercetak), so the table shows how far off the printed figure is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .engine import EvaluasiOpd, evaluasi_opd
from .errors import Laporan
from .load import tampil
from .model import Dataset, Opd, Tercetak
from .numbers import bulat, format_angka, format_nilai

TOLERANSI = Decimal("0.01")

LABEL_BESARAN = {
    "capaian": "Capaian (%)",
    "capaian_renstra": "Capaian Renstra (%)",
    "serapan": "Serapan anggaran (%)",
    "pagu": "Pagu (Rp)",
    "realisasi_anggaran": "Realisasi anggaran (Rp)",
    "rata_rata_capaian": "Rata-rata capaian (%)",
}
_INDIKATOR = ("capaian", "capaian_renstra")
_ANGGARAN = ("serapan", "pagu", "realisasi_anggaran")

ALASAN_KUNCI_INDIKATOR = "indikator '{}' tidak ada di indikator.csv"
ALASAN_KUNCI_ELEMEN = "elemen '{}' tidak ada di struktur.csv (dan bukan id OPD '{}')"
ALASAN_KUNCI_OPD = "rata_rata_capaian berlaku untuk seluruh OPD: kunci harus id OPD '{}'"
ALASAN_TAHUN_INDIKATOR = "indikator tidak memiliki target atau realisasi tahun {}"
ALASAN_TAHUN_ANGGARAN = "tidak ada anggaran tahun {}"
ALASAN_TAHUN_RINGKASAN = "OPD tidak memiliki data tahun {}"
ALASAN_RATA_RATA = "tidak ada capaian indikator yang dapat dihitung"
ALASAN_TIDAK_DIHITUNG = "tidak dapat dihitung"


@dataclass(frozen=True)
class BarisAudit:
    besaran: str
    kunci: str
    tahun: int
    tercetak: Decimal
    dihitung: Decimal | None  # unrounded engine value; None when not computable
    selisih: Decimal | None  # dihitung − tercetak, unrounded
    sumber: str
    line: int
    cocok: bool
    nama: str = ""  # indicator, element or OPD name, for the page
    alasan: str = ""  # why dihitung is None
    kunci_dikenal: bool = True  # False when kunci names nothing in the OPD

    @property
    def label(self) -> str:
        return LABEL_BESARAN.get(self.besaran, self.besaran)

    # Display forms for the templates: Indonesian numbers, "–" when missing.
    @property
    def tercetak_teks(self) -> str:
        return format_nilai(self.tercetak)

    def _angka(self, value: Decimal) -> str:
        # Rupiah amounts printed whole stay whole (17.017.469.070, not …,00).
        if self.besaran in _ANGGARAN_RUPIAH and value == value.to_integral_value():
            return format_angka(value, 0)
        return format_angka(value)

    @property
    def dihitung_teks(self) -> str:
        return "–" if self.dihitung is None else self._angka(self.dihitung)

    @property
    def selisih_teks(self) -> str:
        return "–" if self.selisih is None else self._angka(self.selisih)

    @property
    def status(self) -> str:
        if self.dihitung is None:
            return f"tidak dapat diperiksa: {self.alasan}"
        return "cocok" if self.cocok else "berbeda"


_ANGGARAN_RUPIAH = ("pagu", "realisasi_anggaran")


def desimal_tercetak(nilai: Decimal) -> int:
    """Number of decimals a printed value was written with ("50" → 0, "96.20" → 2)."""
    exponent = nilai.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def cocok(tercetak: Decimal, dihitung: Decimal) -> bool:
    """Whether a printed figure agrees with the recomputed one (rule in the module docstring)."""
    shown = bulat(dihitung, desimal_tercetak(tercetak))
    return abs(shown - tercetak) <= TOLERANSI


class _Indeks:
    """Lookups of one OPD's records and results, built once per audit."""

    def __init__(self, opd: Opd, ev: EvaluasiOpd) -> None:
        self.indikator = {i.id: i for i in opd.indikator}
        self.elemen = {e.id: e for e in opd.elemen}
        self.capaian = {(b.indikator, b.tahun): b for b in ev.capaian if b.periode == "tahunan"}
        self.total: dict[int, object] = {}
        self.anggaran: dict[tuple[str, int], object] = {}
        for row in ev.anggaran:
            if row.jenis == "opd":
                self.total.setdefault(row.tahun, row)
            else:
                self.anggaran.setdefault((row.elemen, row.tahun), row)
        self.ringkasan = {r.tahun: r for r in ev.ringkasan}


def _nilai_dihitung(t: Tercetak, opd: Opd, ix: _Indeks) -> tuple[Decimal | None, str, str, bool]:
    """(value, reason when None, name of what kunci names, kunci known)."""
    if t.besaran in _INDIKATOR:
        ind = ix.indikator.get(t.kunci)
        if ind is None:
            return None, ALASAN_KUNCI_INDIKATOR.format(t.kunci), "", False
        row = ix.capaian.get((t.kunci, t.tahun))
        if row is None:
            return None, ALASAN_TAHUN_INDIKATOR.format(t.tahun), ind.nama, True
        hitung = row.capaian if t.besaran == "capaian" else row.capaian_renstra
        return hitung.nilai, hitung.alasan or ALASAN_TIDAK_DIHITUNG, ind.nama, True
    if t.besaran in _ANGGARAN:
        if t.kunci == opd.id:
            nama, row = opd.nama, ix.total.get(t.tahun)
        elif t.kunci in ix.elemen:
            nama, row = ix.elemen[t.kunci].nama, ix.anggaran.get((t.kunci, t.tahun))
        else:
            return None, ALASAN_KUNCI_ELEMEN.format(t.kunci, opd.id), "", False
        if row is None:
            return None, ALASAN_TAHUN_ANGGARAN.format(t.tahun), nama, True
        if t.besaran == "pagu":
            return row.pagu, "", nama, True
        if t.besaran == "realisasi_anggaran":
            return row.realisasi, "realisasi anggaran belum lengkap", nama, True
        return row.serapan.nilai, row.serapan.alasan or ALASAN_TIDAK_DIHITUNG, nama, True
    if t.besaran == "rata_rata_capaian":
        if t.kunci != opd.id:
            return None, ALASAN_KUNCI_OPD.format(opd.id), "", False
        row = ix.ringkasan.get(t.tahun)
        if row is None:
            return None, ALASAN_TAHUN_RINGKASAN.format(t.tahun), opd.nama, True
        return row.rata_rata_capaian, ALASAN_RATA_RATA, opd.nama, True
    # load refuses other besaran; records built by hand may still carry one.
    return None, f"besaran '{t.besaran}' tidak dikenal", "", False


def baris_audit(opd: Opd, ev: EvaluasiOpd, tahun: int | None = None) -> list[BarisAudit]:
    """One row per printed figure of the OPD (of `tahun` when given), in file order."""
    rows = []
    ix = _Indeks(opd, ev)
    for t in sorted(opd.tercetak, key=lambda t: t.line):
        if tahun is not None and t.tahun != tahun:
            continue
        nilai, alasan, nama, dikenal = _nilai_dihitung(t, opd, ix)
        rows.append(
            BarisAudit(
                besaran=t.besaran,
                kunci=t.kunci,
                tahun=t.tahun,
                tercetak=t.nilai,
                dihitung=nilai,
                selisih=None if nilai is None else nilai - t.nilai,
                sumber=t.sumber,
                line=t.line,
                cocok=nilai is not None and cocok(t.nilai, nilai),
                nama=nama,
                alasan="" if nilai is not None else alasan,
                kunci_dikenal=dikenal,
            )
        )
    return rows


def pesan_audit(b: BarisAudit) -> str | None:
    """The warning text for a row, or None when the printed figure agrees."""
    if not b.kunci_dikenal:
        return f"{b.besaran} {b.kunci} {b.tahun}: {b.alasan}"
    if b.dihitung is None:
        return f"{b.besaran} {b.kunci} {b.tahun}: nilai tercetak {b.tercetak_teks} tidak dapat diperiksa: {b.alasan}"
    if b.cocok:
        return None
    return f"nilai tercetak {b.tercetak_teks} berbeda dari hasil hitung {b.dihitung_teks} (selisih {b.selisih_teks})"


def peringatan_audit_opd(opd: Opd, ev: EvaluasiOpd, data_dir: Path, laporan: Laporan) -> list[BarisAudit]:
    """`peringatan_audit` for one OPD: a warning in `laporan` for every printed figure
    that differs, names nothing, or cannot be checked; returns the OPD's audit rows."""
    if not opd.tercetak:
        return []
    label = tampil(Path(data_dir) / "opd" / opd.id / "tercetak.csv")
    rows = baris_audit(opd, ev)
    for b in rows:
        pesan = pesan_audit(b)
        if pesan is not None:
            laporan.peringatan(label, b.line, "kunci" if not b.kunci_dikenal else "nilai", pesan)
    return rows


def peringatan_audit(
    dataset: Dataset, hasil: dict[str, EvaluasiOpd], data_dir: Path, laporan: Laporan
) -> list[BarisAudit]:
    """Add a warning to `laporan` for every printed figure that differs from the
    recomputed one, names nothing, or cannot be checked; returns all audit rows."""
    semua = []
    for opd in sorted(dataset.opd, key=lambda o: o.id):
        if not opd.tercetak:
            continue
        ev = hasil.get(opd.id)
        if ev is None:
            ev = evaluasi_opd(opd, dataset.pemda.aturan, dataset.skala, dataset.skala_capaian)
        semua.extend(peringatan_audit_opd(opd, ev, data_dir, laporan))
    return semua
