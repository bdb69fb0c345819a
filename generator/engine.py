"""The evaluation engine: pure functions from typed records to evaluation rows.

No I/O and no formatting here. Every figure stays an unrounded `Decimal`; rounding to
two decimals happens only when written (`numbers.bulat`), except where the contract
says a decision is taken on the rounded value (predikat and kategori), so that the
word always agrees with the number shown.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, getcontext
from functools import lru_cache
from operator import attrgetter

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
from .numbers import DUA_DESIMAL, SERATUS, bulat

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


# The result records are read-only by convention, not frozen (as Target and the other
# input records): a frozen dataclass sets each field through object.__setattr__, which
# made a capaian row cost 1.8 µs to build instead of 0.5 µs. They stay hashable.


@dataclass(slots=True, unsafe_hash=True)
class Hitung:
    """A computed figure, or None with the reason it cannot be computed."""

    nilai: Decimal | None
    alasan: str = ""

    @property
    def ada(self) -> bool:
        return self.nilai is not None


KOSONG = Hitung(None, "")
# Immutable, so shared; Decimal operands also spare converting an int on every operation.
_NOL = Decimal(0)
_SATU = Decimal(1)
# Shared results for the reasons (a Hitung is immutable): fewer objects per row.
_TANPA_TARGET = Hitung(None, ALASAN_TANPA_TARGET)
_TANPA_REALISASI = Hitung(None, ALASAN_TANPA_REALISASI)
_RENSTRA_AKHIR = Hitung(None, ALASAN_RENSTRA_AKHIR)
_RENSTRA_BOLONG = Hitung(None, ALASAN_RENSTRA_BOLONG)
_RENSTRA_LUAR = Hitung(None, ALASAN_RENSTRA_LUAR)
_PERTUMBUHAN_KATEGORI = Hitung(None, ALASAN_PERTUMBUHAN_KATEGORI)
_TARGET_NOL = Hitung(None, ALASAN_TARGET_NOL)
_RASIO_NOL = Hitung(None, ALASAN_RASIO_NOL)
_PAGU_NOL = Hitung(None, ALASAN_PAGU_NOL)
_PERTUMBUHAN = Hitung(None, ALASAN_PERTUMBUHAN)


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
        return _TANPA_TARGET
    if realisasi is None:
        return _TANPA_REALISASI
    if polaritas == "kategori":
        if skala is None:
            return Hitung(None, ALASAN_SKALA)
        skor_t, skor_r = skala.skor(str(target)), skala.skor(str(realisasi))
        if skor_t is None or skor_r is None:
            return Hitung(None, ALASAN_KATEGORI)
        return Hitung(Decimal(skor_r) / Decimal(skor_t) * SERATUS)
    # Loaded numbers are Decimals already: Decimal() of one only parses its arguments.
    t = target if type(target) is Decimal else Decimal(target)
    r = realisasi if type(realisasi) is Decimal else Decimal(realisasi)
    if polaritas == "negatif":
        if t == _NOL:
            return Hitung(SERATUS if r == _NOL else _NOL)
        if rumus_negatif == "rasio":
            if r == _NOL:
                return _RASIO_NOL
            return Hitung(t / r * SERATUS)
        # t + t is 2 * t exactly, without converting the int 2.
        v = (t + t - r) / t * SERATUS
        return Hitung(v if v > _NOL else _NOL)
    if t == _NOL:
        return _TARGET_NOL
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
        return _TANPA_REALISASI
    if pagu == _NOL:
        return _PAGU_NOL
    return Hitung(realisasi / pagu * SERATUS)


def pertumbuhan(sekarang: Decimal | None, lalu: Decimal | None) -> Hitung:
    """Growth (R_n / R_{n-1} − 1) × 100."""
    if sekarang is None or lalu is None or lalu == _NOL:
        return _PERTUMBUHAN
    return Hitung((sekarang / lalu - _SATU) * SERATUS)


def rata_rata(nilai: list[Decimal]) -> Decimal | None:
    """Mean of unrounded values; None for an empty list."""
    if not nilai:
        return None
    return sum(nilai, _NOL) / len(nilai)


def untuk_rata_rata(nilai: Decimal, aturan: Aturan) -> Decimal:
    """The value that enters an average: capped when the pemda sets batas_capaian."""
    if aturan.batas_capaian is not None and nilai > aturan.batas_capaian:
        return aturan.batas_capaian
    return nilai


# ---------------------------------------------------------------- selection rules


def target_tahunan(targets: list[Target], tahun: int, periode: str = "tahunan") -> Target | None:
    """The PK target if present, else Renja, else Renstra."""
    return _pilih_target({t.jenis: t for t in targets if t.tahun == tahun and t.periode == periode})


def realisasi_tahunan(realisasi: list[Realisasi], tahun: int) -> Nilai | None:
    """The `tahunan` row, else the `tw4` row (s/d triwulan IV); None when neither has a value."""
    return _pilih_realisasi({r.periode: r.nilai for r in realisasi if r.tahun == tahun})


# Rank of each target document in PRIORITAS_TARGET, 0 the first choice.
_PERINGKAT = {jenis: i for i, jenis in enumerate(PRIORITAS_TARGET)}


def _pilih_target(by_jenis: dict[str, Target] | None) -> Target | None:
    # One (year, periode)'s targets keyed by jenis (the last row of a jenis wins).
    if not by_jenis:
        return None
    for jenis in PRIORITAS_TARGET:
        t = by_jenis.get(jenis)
        if t is not None:
            return t
    return None


def _pilih_realisasi(by_periode: dict[str, Nilai | None]) -> Nilai | None:
    # One year's realisation values keyed by periode (the last row of a periode wins).
    v = by_periode.get("tahunan")
    if v is not None:
        return v
    return by_periode.get("tw4")


# ---------------------------------------------------------------- result rows


@dataclass(slots=True, unsafe_hash=True)
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


@dataclass(slots=True, unsafe_hash=True)
class BarisAnggaran:
    opd: str
    elemen: str
    jenis: str
    tahun: int
    pagu: Decimal
    realisasi: Decimal | None
    serapan: Hitung
    sisa: Decimal | None


@dataclass(slots=True, unsafe_hash=True)
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


@dataclass(slots=True, unsafe_hash=True)
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


_TITIK = (1, 0, ".")


@lru_cache(maxsize=65536)
def kunci_kode(kode: str) -> tuple:
    """Natural order of nomenclature codes: 4.01.02.1.01.3 before 4.01.02.1.01.12."""
    parts = kode.split(".")
    if kode.isascii() and all(map(str.isdigit, parts)):
        # The usual dotted ASCII digits: the key of the general form below, without
        # the regex (each code is computed once per process, thousands of them).
        key: list[tuple] = []
        for part in parts:
            key += ((0, int(part), ""), _TITIK)
        return tuple(key[:-1])
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


def rekap_anggaran(
    opd_id: str,
    elemen: list[Elemen],
    anggaran: list[Anggaran],
    urutan: list[Elemen] | None = None,
) -> list[BarisAnggaran]:
    """Totals at every level of the tree and for the OPD, per year.

    Leaf rows for the same element and year are added up. A parent's realisasi is
    unknown while any row under it is unknown: a total is never shown as complete
    when part of it is missing. `urutan` is `urutan_elemen(elemen)` when the caller
    already has it.
    """
    induk = {e.id: e.induk for e in elemen}
    jenis = {e.id: e.jenis for e in elemen}
    chains = {eid: leluhur(eid, induk) for eid in dict.fromkeys([row.elemen for row in anggaran])}
    # A chain that stops on an element with a parent stopped on a cycle (rejected by
    # validation); only without one is the tree a forest that can be summed bottom-up.
    forest = all(not induk.get(chain[-1], "") for chain in chains.values())

    # element -> year -> [pagu, realisasi of the known rows, any row unknown]. Sums are
    # exact (at most 18 digits per amount, 28 in the context), so adding child totals
    # instead of rows gives the same Decimals. Each row goes to the cells of its element
    # (of every ancestor too when not a forest) and of the OPD total, in row order.
    acc: dict[str, dict[int, list]] = {}
    total: dict[int, list] = {}
    buckets = {
        eid: [acc.setdefault(n, {}) for n in (chain[:1] if forest else chain)] + [total]
        for eid, chain in chains.items()
    }
    for row in anggaran:
        tahun, realisasi = row.tahun, row.realisasi
        for bucket in buckets[row.elemen]:
            cell = bucket.get(tahun)
            if cell is None:
                cell = bucket[tahun] = [_NOL, _NOL, False]
            cell[0] += row.pagu
            if realisasi is None:
                cell[2] = True
            else:
                cell[1] += realisasi
    if forest:
        parent: dict[str, str] = {}
        depth: dict[str, int] = {}
        for chain in chains.values():
            for i, node in enumerate(chain):
                depth[node] = len(chain) - i
                if i + 1 < len(chain):
                    parent[node] = chain[i + 1]
        # Deepest first: a node is complete before it is added to its parent.
        for node in sorted(parent, key=lambda n: (-depth[n], n)):
            dst = acc.setdefault(parent[node], {})
            for tahun, (p, r, u) in acc[node].items():
                cell = dst.get(tahun)
                if cell is None:
                    cell = dst[tahun] = [_NOL, _NOL, False]
                cell[0] += p
                cell[1] += r
                cell[2] = cell[2] or u

    # Rows by year, then the OPD total, then tree order; the running number keeps
    # ties (an element of jenis "opd" named like the OPD) in insertion order. Every
    # year is in the total, so one walk of the sorted nodes per year finds each cell.
    order = {e.id: i for i, e in enumerate(urutan if urutan is not None else urutan_elemen(elemen))}
    akhir = 1 << 30
    nodes = [(-1, opd_id, 0, "opd", total)]
    for i, (eid, per_tahun) in enumerate(acc.items(), 1):
        jenis_e = jenis.get(eid, "")
        rank = -1 if jenis_e == "opd" else order.get(eid, akhir)
        nodes.append((rank, eid, i, jenis_e, per_tahun))
    nodes.sort()
    rows: list[BarisAnggaran] = []
    for tahun in sorted(total):
        for _, eid, _, jenis_e, per_tahun in nodes:
            cell = per_tahun.get(tahun)
            if cell is not None:
                p, r = cell[0], None if cell[2] else cell[1]
                sisa = None if r is None else p - r
                rows.append(BarisAnggaran(opd_id, eid, jenis_e, tahun, p, r, serapan(p, r), sisa))
    return rows


# ---------------------------------------------------------------- indicator rows


def baris_indikator(
    opd_id: str,
    ind: Indikator,
    targets: list[Target],
    reals: list[Realisasi],
    aturan: Aturan,
    skala: dict[str, Skala],
    predikat_kategori: PredikatKategori,
    renstra: tuple[int | None, int | None],
) -> list[BarisCapaian]:
    """One `tahunan` row per year with a target or realisation, plus quarterly rows;
    `predikat_kategori` is _penilai() of the capaian scale."""
    ind_skala = skala.get(ind.skala) if ind.skala else None
    awal, akhir = renstra
    polaritas, rumus = ind.polaritas, aturan.rumus_negatif
    ind_id = ind.id

    # Index the rows once, applying the rules of target_tahunan and realisasi_tahunan as
    # they come: periode -> year -> the chosen target (the last row of the best jenis);
    # year -> the `tahunan` value, else the `tw4` one; year -> quarterly rows.
    final = None
    pilihan: dict[str, dict[int, Target]] = {}
    for t in targets:
        rank = _PERINGKAT.get(t.jenis)
        if rank is not None:
            per_tahun = pilihan.get(t.periode)
            if per_tahun is None:
                per_tahun = pilihan[t.periode] = {}
            cur = per_tahun.get(t.tahun)
            if cur is None or rank <= _PERINGKAT[cur.jenis]:
                per_tahun[t.tahun] = t
        if final is None and t.tahun == akhir and t.jenis == "renstra" and t.periode == "tahunan":
            final = t.nilai
    real_tahunan: dict[int, Nilai | None] = {}
    real_tw4: dict[int, Nilai | None] = {}
    triwulan: dict[int, list[Realisasi]] = {}
    for r in reals:
        periode = r.periode
        if periode == "tahunan":
            real_tahunan[r.tahun] = r.nilai
        elif periode in TRIWULAN:
            if periode == "tw4":
                real_tw4[r.tahun] = r.nilai
            quarters = triwulan.get(r.tahun)
            if quarters is None:
                triwulan[r.tahun] = [r]
            else:
                quarters.append(r)
    tahunan_real = real_tw4
    for y, v in real_tahunan.items():
        if v is not None:
            tahunan_real[y] = v
    # Years of every row, whatever its jenis or periode.
    years = sorted({t.tahun for t in targets}.union([r.tahun for r in reals]))

    # "s/d tahun n" over the Renstra years in one running pass: for kumulatif
    # indicators the sum since the Renstra start (None from the first missing year
    # on), otherwise the year-n value.
    kumulatif = ind.sifat == "kumulatif"
    dalam_renstra = awal is not None and akhir is not None
    sd_tahun: dict[int, Nilai | None] = {}
    if dalam_renstra and years:
        total: Decimal | None = _NOL
        for y in range(awal, min(akhir, years[-1]) + 1):
            v = tahunan_real.get(y)
            if kumulatif:
                if total is not None:
                    total = total + v if isinstance(v, Decimal) else None
                v = total
            sd_tahun[y] = v
    tanpa_pertumbuhan = polaritas == "kategori"
    # capaian()'s commonest case (positif, two Decimals, a target not 0) is written in
    # line at its three uses below, sparing a call per figure; capaian() decides the rest.
    positif = polaritas == "positif"

    tahunan_tgt = pilihan.get("tahunan", {})
    rows: list[BarisCapaian] = []
    for tahun in years:
        tgt = tahunan_tgt.get(tahun)
        r = tahunan_real.get(tahun)
        if tgt is None:
            jenis_target, target_nilai = "", None
        else:
            jenis_target, target_nilai = tgt.jenis, tgt.nilai
        if positif and type(target_nilai) is Decimal and type(r) is Decimal and target_nilai:
            c = Hitung(r / target_nilai * SERATUS)
        else:
            c = capaian(target_nilai, r, polaritas, rumus, ind_skala)

        renstra_c, sd, sd_lalu = KOSONG, None, None
        if dalam_renstra and awal <= tahun <= akhir:
            sd = sd_tahun[tahun]
            if tahun > awal:
                sd_lalu = sd_tahun[tahun - 1]
            if final is None:
                renstra_c = _RENSTRA_AKHIR
            elif kumulatif and sd is None:
                renstra_c = _RENSTRA_BOLONG
            elif positif and type(final) is Decimal and type(sd) is Decimal and final:
                renstra_c = Hitung(sd / final * SERATUS)
            else:
                renstra_c = capaian(final, sd, polaritas, rumus, ind_skala)
        elif awal is not None:
            renstra_c = _RENSTRA_LUAR

        if tanpa_pertumbuhan:
            growth = _PERTUMBUHAN_KATEGORI
        else:
            # Growth of numbers only (a category code has none), checked here in line.
            lalu = tahunan_real.get(tahun - 1)
            growth = pertumbuhan(
                r if isinstance(r, Decimal) else None, lalu if isinstance(lalu, Decimal) else None
            )

        pred, kat = predikat_kategori(c.nilai)
        rows.append(
            BarisCapaian(
                opd_id, ind_id, tahun, "tahunan", jenis_target, target_nilai, r, c, pred, kat,
                renstra_c, growth, final, sd, sd_lalu,
            )
        )
        quarters = triwulan.get(tahun)
        if quarters:
            if len(quarters) > 1:
                quarters.sort(key=_periode)
            for q in quarters:
                qt = pilihan.get(q.periode, {}).get(tahun) or tgt
                if qt is None:
                    jenis_target, target_nilai = "", None
                else:
                    jenis_target, target_nilai = qt.jenis, qt.nilai
                if positif and type(target_nilai) is Decimal and type(q.nilai) is Decimal and target_nilai:
                    qc = Hitung(q.nilai / target_nilai * SERATUS)
                else:
                    qc = capaian(target_nilai, q.nilai, polaritas, rumus, ind_skala)
                pred, kat = predikat_kategori(qc.nilai)
                rows.append(
                    BarisCapaian(
                        opd_id, ind_id, tahun, q.periode, jenis_target, target_nilai, q.nilai, qc,
                        pred, kat,
                    )
                )
    return rows


_periode = attrgetter("periode")


PredikatKategori = Callable[[Decimal | None], tuple[str, str]]


def _penilai(skala: Skala) -> PredikatKategori:
    """predikat() and kategori() of a value in one step, rounding it once. Made once per
    OPD: the scale's bands taken apart as Skala.band walks them (the bands with a lower
    bound, best first, then the last band for any value below them), and the precision
    that bulat() checks read once."""
    pita = tuple((b.min, b.label) for b in skala.bands if b.min is not None) + tuple(
        (None, b.label) for b in skala.bands[-1:]
    )
    batas = getcontext().prec - 5

    def predikat_kategori(nilai: Decimal | None) -> tuple[str, str]:
        if nilai is None:
            return "", ""
        # bulat() in line where the value fits the precision (its own common case).
        if nilai.adjusted() <= batas:
            shown = nilai.quantize(DUA_DESIMAL, ROUND_HALF_UP)
        else:
            shown = bulat(nilai)
        if shown > SERATUS:
            kat = MELEBIHI
        elif shown == SERATUS:
            kat = MEMENUHI
        else:
            kat = BELUM
        for minimum, label in pita:
            if minimum is None or shown >= minimum:
                return label, kat
        raise IndexError("skala tanpa pita")  # as Skala.band on a scale with no bands

    return predikat_kategori


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


_id = attrgetter("id")


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
    urutan = urutan_elemen(opd.elemen)
    ringkas = indikator_ringkasan(opd)
    sasaran = [e for e in urutan if e.jenis == "sasaran"]
    per_sasaran: dict[str, list[str]] = defaultdict(list)
    for i in opd.indikator:
        per_sasaran[i.elemen].append(i.id)
    # Only these indicators' annual rows are read again below (summary and efficiency).
    dibaca = {i.id for i in ringkas}
    for s in sasaran:
        dibaca.update(per_sasaran.get(s.id, ()))

    tahunan: dict[tuple[str, int], BarisCapaian] = {}
    renstra = (opd.renstra_awal, opd.renstra_akhir)
    predikat_kategori = _penilai(skala_capaian)
    for ind in sorted(opd.indikator, key=_id):
        rows = baris_indikator(
            opd.id, ind, targets[ind.id], reals[ind.id], aturan, skala, predikat_kategori,
            renstra,
        )
        hasil.capaian.extend(rows)
        if ind.id in dibaca:
            for b in rows:
                if b.periode == "tahunan":
                    tahunan[(b.indikator, b.tahun)] = b
    hasil.anggaran = rekap_anggaran(opd.id, opd.elemen, opd.anggaran, urutan)

    total: dict[int, BarisAnggaran] = {}
    per_elemen: dict[tuple[str, int], BarisAnggaran] = {}
    sasaran_ids = {s.id for s in sasaran}
    for b in hasil.anggaran:
        if b.jenis == "opd":
            total[b.tahun] = b
        if b.elemen in sasaran_ids:
            per_elemen[(b.elemen, b.tahun)] = b
    years = tahun_opd(opd)

    for tahun in years:
        # An IKU counts in a year when it has a target or a realisation that year:
        # IKU sets change between Renstra periods, and a citizen reading "3 indikator"
        # expects the three rows of that year's table.
        rows = [tahunan[(i.id, tahun)] for i in ringkas if (i.id, tahun) in tahunan]
        computed = [b for b in rows if b.capaian.nilai is not None]
        mean = rata_rata([untuk_rata_rata(b.capaian.nilai, aturan) for b in computed])
        # Each row's kategori is kategori() of its capaian already.
        kat = [b.kategori for b in computed]
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

    for tahun in years:
        for s in sasaran:
            values = []
            for ind_id in per_sasaran.get(s.id, ()):
                b = tahunan.get((ind_id, tahun))
                if b is not None and b.capaian.nilai is not None:
                    values.append(untuk_rata_rata(b.capaian.nilai, aturan))
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


@contextmanager
def tanpa_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocations.

    Evaluation and export create hundreds of thousands of small acyclic objects; each
    time that triggers a full collection it walks the whole loaded dataset too (about
    1.4 s of 3.9 s of `evaluasi` at province scale). Nothing made here forms a cycle,
    so reference counting frees it all; the collector's state is restored after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def evaluasi(dataset) -> dict[str, EvaluasiOpd]:
    """Evaluate every OPD of a loaded dataset, keyed by OPD id (sorted)."""
    with tanpa_gc():
        return {
            opd.id: evaluasi_opd(opd, dataset.pemda.aturan, dataset.skala, dataset.skala_capaian)
            for opd in sorted(dataset.opd, key=lambda o: o.id)
        }
