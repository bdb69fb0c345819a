"""The evaluation engine: pure functions from typed records to evaluation rows.

No I/O and no formatting here. Every figure stays an unrounded `Decimal`; rounding to
two decimals happens only when written (`numbers.bulat`), except where the contract
says a decision is taken on the rounded value (predikat and kategori), so that the
word always agrees with the number shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .model import (
    PRIORITAS_TARGET,
    TRIWULAN,
    Anggaran,
    Aturan,
    Elemen,
    Indikator,
    Nilai,
    Opd,
    Realisasi,
    Skala,
    Target,
)
from .numbers import SERATUS, bulat

MELEBIHI = "melebihi target"
MEMENUHI = "memenuhi target"
BELUM = "belum memenuhi target"

# Reasons shown where a figure cannot be computed (also listed on the metodologi page).
ALASAN_TANPA_TARGET = "target belum ditetapkan"
ALASAN_TANPA_REALISASI = "realisasi belum ada"
ALASAN_TARGET_NOL = "target 0 pada indikator positif tidak dapat dibagi"
ALASAN_RASIO_NOL = "realisasi 0 tidak dapat dihitung dengan rumus rasio"
ALASAN_KATEGORI = "kategori tidak ada pada skala indikator"
ALASAN_SKALA = "indikator kategori tanpa skala"
ALASAN_RENSTRA_AKHIR = "target Renstra tahun akhir belum ada"
ALASAN_RENSTRA_LUAR = "tahun di luar periode Renstra"
ALASAN_RENSTRA_BOLONG = "realisasi tahunan sejak awal Renstra belum lengkap"
ALASAN_PAGU_NOL = "pagu 0"
ALASAN_PERTUMBUHAN = "realisasi tahun ini atau tahun lalu belum ada, atau tahun lalu 0"
ALASAN_PERTUMBUHAN_KATEGORI = "tidak berlaku untuk indikator kategori"


@dataclass(frozen=True)
class Hitung:
    """A computed figure, or None with the reason it cannot be computed."""

    nilai: Decimal | None
    alasan: str = ""

    @property
    def ada(self) -> bool:
        return self.nilai is not None


KOSONG = Hitung(None, "")


# ---------------------------------------------------------------- single figures


def capaian(
    target: Nilai | None,
    realisasi: Nilai | None,
    polaritas: str = "positif",
    rumus_negatif: str = "selisih",
    skala: Skala | None = None,
) -> Hitung:
    """Tingkat capaian (%) of one realisation against one target."""
    if target is None:
        return Hitung(None, ALASAN_TANPA_TARGET)
    if realisasi is None:
        return Hitung(None, ALASAN_TANPA_REALISASI)
    if polaritas == "kategori":
        if skala is None:
            return Hitung(None, ALASAN_SKALA)
        skor_t, skor_r = skala.skor(str(target)), skala.skor(str(realisasi))
        if skor_t is None or skor_r is None:
            return Hitung(None, ALASAN_KATEGORI)
        return Hitung(Decimal(skor_r) / Decimal(skor_t) * SERATUS)
    t, r = Decimal(target), Decimal(realisasi)
    if polaritas == "negatif":
        if t == 0:
            return Hitung(SERATUS if r == 0 else Decimal(0))
        if rumus_negatif == "rasio":
            if r == 0:
                return Hitung(None, ALASAN_RASIO_NOL)
            return Hitung(t / r * SERATUS)
        return Hitung(max(Decimal(0), (2 * t - r) / t * SERATUS))
    if t == 0:
        return Hitung(None, ALASAN_TARGET_NOL)
    return Hitung(r / t * SERATUS)


def predikat(nilai: Decimal | None, skala: Skala) -> str:
    """The scale's label for a capaian, decided on the value rounded to 2 decimals."""
    if nilai is None:
        return ""
    return skala.band(bulat(nilai)).label


def kategori(nilai: Decimal | None) -> str:
    """melebihi / memenuhi / belum memenuhi target, on the value rounded to 2 decimals."""
    if nilai is None:
        return ""
    shown = bulat(nilai)
    if shown > SERATUS:
        return MELEBIHI
    if shown == SERATUS:
        return MEMENUHI
    return BELUM


def serapan(pagu: Decimal | None, realisasi: Decimal | None) -> Hitung:
    """Budget absorption realisasi / pagu × 100."""
    if pagu is None:
        return KOSONG
    if realisasi is None:
        return Hitung(None, ALASAN_TANPA_REALISASI)
    if pagu == 0:
        return Hitung(None, ALASAN_PAGU_NOL)
    return Hitung(realisasi / pagu * SERATUS)


def pertumbuhan(sekarang: Decimal | None, lalu: Decimal | None) -> Hitung:
    """Growth (R_n / R_{n-1} − 1) × 100."""
    if sekarang is None or lalu is None or lalu == 0:
        return Hitung(None, ALASAN_PERTUMBUHAN)
    return Hitung((sekarang / lalu - 1) * SERATUS)


def rata_rata(nilai: list[Decimal]) -> Decimal | None:
    """Mean of unrounded values; None for an empty list."""
    if not nilai:
        return None
    return sum(nilai, Decimal(0)) / len(nilai)


def untuk_rata_rata(nilai: Decimal, aturan: Aturan) -> Decimal:
    """The value that enters an average: capped when the pemda sets batas_capaian."""
    if aturan.batas_capaian is not None and nilai > aturan.batas_capaian:
        return aturan.batas_capaian
    return nilai


# ---------------------------------------------------------------- selection rules


def target_tahunan(targets: list[Target], tahun: int, periode: str = "tahunan") -> Target | None:
    """The PK target if present, else Renja, else Renstra."""
    by_jenis = {t.jenis: t for t in targets if t.tahun == tahun and t.periode == periode}
    for jenis in PRIORITAS_TARGET:
        if jenis in by_jenis:
            return by_jenis[jenis]
    return None


def realisasi_tahunan(realisasi: list[Realisasi], tahun: int) -> Nilai | None:
    """The `tahunan` row, else the `tw4` row (s/d triwulan IV); None when neither has a value."""
    by_periode = {r.periode: r.nilai for r in realisasi if r.tahun == tahun}
    for periode in ("tahunan", "tw4"):
        if by_periode.get(periode) is not None:
            return by_periode[periode]
    return None


# ---------------------------------------------------------------- result rows


@dataclass(frozen=True)
class BarisCapaian:
    opd: str
    indikator: str
    tahun: int
    periode: str
    jenis_target: str
    target: Nilai | None
    realisasi: Nilai | None
    capaian: Hitung
    predikat: str
    kategori: str
    capaian_renstra: Hitung = KOSONG
    pertumbuhan: Hitung = KOSONG
    # For the Permendagri 86/2017 T-C.29 layout.
    target_renstra_akhir: Nilai | None = None
    realisasi_sd: Nilai | None = None
    realisasi_sd_lalu: Nilai | None = None


@dataclass(frozen=True)
class BarisAnggaran:
    opd: str
    elemen: str
    jenis: str
    tahun: int
    pagu: Decimal
    realisasi: Decimal | None
    serapan: Hitung
    sisa: Decimal | None


@dataclass(frozen=True)
class BarisRingkasan:
    opd: str
    tahun: int
    jumlah_indikator: int
    rata_rata_capaian: Decimal | None
    predikat: str
    melebihi: int
    memenuhi: int
    belum: int
    serapan: Hitung


@dataclass(frozen=True)
class BarisEfisiensi:
    opd: str
    sasaran: str
    tahun: int
    capaian: Decimal | None
    serapan: Decimal | None
    efisiensi: Decimal | None


@dataclass
class EvaluasiOpd:
    opd: str
    capaian: list[BarisCapaian] = field(default_factory=list)
    anggaran: list[BarisAnggaran] = field(default_factory=list)
    ringkasan: list[BarisRingkasan] = field(default_factory=list)
    efisiensi: list[BarisEfisiensi] = field(default_factory=list)

    def tahun(self) -> list[int]:
        return sorted({r.tahun for r in self.ringkasan})


# ---------------------------------------------------------------- ordering

_SEGMENT = re.compile(r"(\d+)")


def kunci_kode(kode: str) -> tuple:
    """Natural order of nomenclature codes: 4.01.02.1.01.3 before 4.01.02.1.01.12."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _SEGMENT.split(kode)
        if part
    )


def urutan_elemen(elemen: list[Elemen]) -> list[Elemen]:
    """Tree order (parent before its children, siblings by code then id), independent of
    the row order of struktur.csv so that the same data always renders the same."""
    ids = {e.id for e in elemen}
    anak: dict[str, list[Elemen]] = defaultdict(list)
    for e in elemen:
        anak[e.induk if e.induk in ids and e.induk != e.id else ""].append(e)
    for children in anak.values():
        children.sort(key=lambda e: (kunci_kode(e.kode), e.id))
    out: list[Elemen] = []
    seen: set[str] = set()

    def walk(parent: str) -> None:
        for e in anak.get(parent, []):
            if e.id not in seen:
                seen.add(e.id)
                out.append(e)
                walk(e.id)

    walk("")
    # Elements caught in a cycle (rejected by validation) still appear, last.
    out.extend(sorted((e for e in elemen if e.id not in seen), key=lambda e: e.id))
    return out


def leluhur(elemen_id: str, induk: dict[str, str]) -> list[str]:
    """The element itself and every ancestor, nearest first; stops on a cycle."""
    chain, seen = [], set()
    current = elemen_id
    while current and current not in seen:
        seen.add(current)
        chain.append(current)
        current = induk.get(current, "")
    return chain


# ---------------------------------------------------------------- budget roll-up

_TOTAL = "\0opd"  # key of the OPD total, distinct from any element id


def rekap_anggaran(opd_id: str, elemen: list[Elemen], anggaran: list[Anggaran]) -> list[BarisAnggaran]:
    """Totals at every level of the tree and for the OPD, per year.

    Leaf rows for the same element and year are added up. A parent's realisasi is
    unknown while any row under it is unknown: a total is never shown as complete
    when part of it is missing.
    """
    induk = {e.id: e.induk for e in elemen}
    jenis = {e.id: e.jenis for e in elemen}
    pagu: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    real: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    unknown: set[tuple[str, int]] = set()
    for row in anggaran:
        for key in [(e, row.tahun) for e in leluhur(row.elemen, induk)] + [(_TOTAL, row.tahun)]:
            pagu[key] += row.pagu
            if row.realisasi is None:
                unknown.add(key)
            else:
                real[key] += row.realisasi
    order = {e.id: i for i, e in enumerate(urutan_elemen(elemen))}
    rows = []
    for (eid, tahun), p in pagu.items():
        r = None if (eid, tahun) in unknown else real[(eid, tahun)]
        is_opd = eid == _TOTAL
        rows.append(
            BarisAnggaran(
                opd=opd_id,
                elemen=opd_id if is_opd else eid,
                jenis="opd" if is_opd else jenis.get(eid, ""),
                tahun=tahun,
                pagu=p,
                realisasi=r,
                serapan=serapan(p, r),
                sisa=None if r is None else p - r,
            )
        )
    rows.sort(key=lambda b: (b.tahun, -1 if b.jenis == "opd" else order.get(b.elemen, 1 << 30), b.elemen))
    return rows


# ---------------------------------------------------------------- indicator rows


def _numeric(v: Nilai | None) -> Decimal | None:
    return v if isinstance(v, Decimal) else None


def _realisasi_sd(
    ind: Indikator, reals: list[Realisasi], awal: int, tahun: int
) -> tuple[Nilai | None, bool]:
    """Realisation "s/d tahun n": the sum since the Renstra start for kumulatif
    indicators (None when a year is missing), the year-n value otherwise."""
    if ind.sifat == "kumulatif":
        total = Decimal(0)
        for y in range(awal, tahun + 1):
            v = _numeric(realisasi_tahunan(reals, y))
            if v is None:
                return None, True
            total += v
        return total, False
    return realisasi_tahunan(reals, tahun), False


def baris_indikator(
    opd_id: str,
    ind: Indikator,
    targets: list[Target],
    reals: list[Realisasi],
    aturan: Aturan,
    skala: dict[str, Skala],
    skala_capaian: Skala,
    renstra: tuple[int | None, int | None],
) -> list[BarisCapaian]:
    """One `tahunan` row per year with a target or realisation, plus quarterly rows."""
    ind_skala = skala.get(ind.skala) if ind.skala else None
    awal, akhir = renstra
    final = None
    if akhir is not None:
        final = next(
            (t.nilai for t in targets if t.jenis == "renstra" and t.tahun == akhir and t.periode == "tahunan"),
            None,
        )

    def hitung(t: Nilai | None, r: Nilai | None) -> Hitung:
        return capaian(t, r, ind.polaritas, aturan.rumus_negatif, ind_skala)

    years = sorted({t.tahun for t in targets} | {r.tahun for r in reals})
    rows: list[BarisCapaian] = []
    for tahun in years:
        tgt = target_tahunan(targets, tahun)
        r = realisasi_tahunan(reals, tahun)
        c = hitung(tgt.nilai if tgt else None, r)

        renstra_c, sd, sd_lalu = KOSONG, None, None
        if awal is not None and akhir is not None and awal <= tahun <= akhir:
            sd, bolong = _realisasi_sd(ind, reals, awal, tahun)
            if tahun > awal:
                sd_lalu, _ = _realisasi_sd(ind, reals, awal, tahun - 1)
            if final is None:
                renstra_c = Hitung(None, ALASAN_RENSTRA_AKHIR)
            elif bolong:
                renstra_c = Hitung(None, ALASAN_RENSTRA_BOLONG)
            else:
                renstra_c = hitung(final, sd)
        elif awal is not None:
            renstra_c = Hitung(None, ALASAN_RENSTRA_LUAR)

        if ind.polaritas == "kategori":
            growth = Hitung(None, ALASAN_PERTUMBUHAN_KATEGORI)
        else:
            growth = pertumbuhan(_numeric(r), _numeric(realisasi_tahunan(reals, tahun - 1)))

        rows.append(
            BarisCapaian(
                opd=opd_id,
                indikator=ind.id,
                tahun=tahun,
                periode="tahunan",
                jenis_target=tgt.jenis if tgt else "",
                target=tgt.nilai if tgt else None,
                realisasi=r,
                capaian=c,
                predikat=predikat(c.nilai, skala_capaian),
                kategori=kategori(c.nilai),
                capaian_renstra=renstra_c,
                pertumbuhan=growth,
                target_renstra_akhir=final,
                realisasi_sd=sd,
                realisasi_sd_lalu=sd_lalu,
            )
        )
        for q in sorted((x for x in reals if x.tahun == tahun and x.periode in TRIWULAN), key=lambda x: x.periode):
            qt = target_tahunan(targets, tahun, q.periode) or tgt
            qc = hitung(qt.nilai if qt else None, q.nilai)
            rows.append(
                BarisCapaian(
                    opd=opd_id,
                    indikator=ind.id,
                    tahun=tahun,
                    periode=q.periode,
                    jenis_target=qt.jenis if qt else "",
                    target=qt.nilai if qt else None,
                    realisasi=q.nilai,
                    capaian=qc,
                    predikat=predikat(qc.nilai, skala_capaian),
                    kategori=kategori(qc.nilai),
                )
            )
    return rows


# ---------------------------------------------------------------- per OPD


def indikator_ringkasan(opd: Opd) -> list[Indikator]:
    """The OPD's IKU indicators; all sasaran-level indicators when none is flagged IKU."""
    iku = [i for i in opd.indikator if i.iku]
    if iku:
        return iku
    sasaran = {e.id for e in opd.elemen if e.jenis == "sasaran"}
    return [i for i in opd.indikator if i.elemen in sasaran]


def tahun_opd(opd: Opd) -> list[int]:
    """Every year that appears in the OPD's targets, realisations or budget."""
    return sorted(
        {t.tahun for t in opd.target} | {r.tahun for r in opd.realisasi} | {a.tahun for a in opd.anggaran}
    )


def evaluasi_opd(
    opd: Opd, aturan: Aturan, skala: dict[str, Skala], skala_capaian: Skala
) -> EvaluasiOpd:
    hasil = EvaluasiOpd(opd.id)
    targets: dict[str, list[Target]] = defaultdict(list)
    reals: dict[str, list[Realisasi]] = defaultdict(list)
    for t in opd.target:
        targets[t.indikator].append(t)
    for r in opd.realisasi:
        reals[r.indikator].append(r)

    for ind in sorted(opd.indikator, key=lambda i: i.id):
        hasil.capaian.extend(
            baris_indikator(
                opd.id, ind, targets[ind.id], reals[ind.id], aturan, skala, skala_capaian,
                (opd.renstra_awal, opd.renstra_akhir),
            )
        )
    hasil.anggaran = rekap_anggaran(opd.id, opd.elemen, opd.anggaran)

    tahunan = {(b.indikator, b.tahun): b for b in hasil.capaian if b.periode == "tahunan"}
    total = {b.tahun: b for b in hasil.anggaran if b.jenis == "opd"}
    per_elemen = {(b.elemen, b.tahun): b for b in hasil.anggaran}
    ringkas = indikator_ringkasan(opd)
    years = tahun_opd(opd)

    for tahun in years:
        # An IKU counts in a year when it has a target or a realisation that year:
        # IKU sets change between Renstra periods, and a citizen reading "3 indikator"
        # expects the three rows of that year's table.
        rows = [tahunan[(i.id, tahun)] for i in ringkas if (i.id, tahun) in tahunan]
        computed = [b.capaian.nilai for b in rows if b.capaian.nilai is not None]
        mean = rata_rata([untuk_rata_rata(c, aturan) for c in computed])
        kat = [kategori(c) for c in computed]
        budget = total.get(tahun)
        hasil.ringkasan.append(
            BarisRingkasan(
                opd=opd.id,
                tahun=tahun,
                jumlah_indikator=len(rows),
                rata_rata_capaian=mean,
                predikat=predikat(mean, skala_capaian),
                melebihi=kat.count(MELEBIHI),
                memenuhi=kat.count(MEMENUHI),
                belum=kat.count(BELUM),
                serapan=budget.serapan if budget else KOSONG,
            )
        )

    sasaran = [e for e in urutan_elemen(opd.elemen) if e.jenis == "sasaran"]
    for tahun in years:
        for s in sasaran:
            values = [
                untuk_rata_rata(tahunan[(i.id, tahun)].capaian.nilai, aturan)
                for i in opd.indikator
                if i.elemen == s.id
                and (i.id, tahun) in tahunan
                and tahunan[(i.id, tahun)].capaian.nilai is not None
            ]
            mean = rata_rata(values)
            budget = per_elemen.get((s.id, tahun))
            absorbed = budget.serapan.nilai if budget else None
            hasil.efisiensi.append(
                BarisEfisiensi(
                    opd=opd.id,
                    sasaran=s.id,
                    tahun=tahun,
                    capaian=mean,
                    serapan=absorbed,
                    efisiensi=None if mean is None or absorbed is None else mean - absorbed,
                )
            )
    return hasil


def evaluasi(dataset) -> dict[str, EvaluasiOpd]:
    """Evaluate every OPD of a loaded dataset, keyed by OPD id (sorted)."""
    return {
        opd.id: evaluasi_opd(opd, dataset.pemda.aturan, dataset.skala, dataset.skala_capaian)
        for opd in sorted(dataset.opd, key=lambda o: o.id)
    }
