"""A synthetic data directory in contract v1, for scale tests and the benchmark.

`tulis_contoh` writes a pemda with N OPDs, each with a plan tree tujuan → sasaran →
program → kegiatan → subkegiatan, about M indicators (IKU on sasaran, mixed
polarities including negatif and kategori, some kumulatif), Renstra/Renja/PK targets,
quarterly targets and "s/d triwulan" realisations, missing realisations and Rupiah
budget lines with fractions. Everything comes from one `random.Random(seed)` and is
written in a fixed order with `\\n` line endings, so the same arguments always give
the same bytes. The figures are invented; the shape follows the seed documents.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

# Scales for values of indicators: kategori indicators use sakip or rb; ikm grades a
# numeric index. Thresholds as in data/skala-fragment-bkd.yaml.
SKALA_YAML = """\
# Skala nilai untuk data sintetis (kinerja contoh).
sakip:
  - {kode: AA, min: 90, label: Sangat Memuaskan}
  - {kode: A, min: 80, label: Memuaskan}
  - {kode: BB, min: 70, label: Sangat Baik}
  - {kode: B, min: 60, label: Baik}
  - {kode: C, min: 50, label: Cukup}
  - {kode: D, label: Kurang}
rb:
  - {kode: AA, min: 90, label: AA}
  - {kode: A, min: 80, label: A}
  - {kode: BB, min: 70, label: BB}
  - {kode: B, min: 60, label: B}
  - {kode: CC, min: 50, label: CC}
  - {kode: C, label: C}
ikm:
  - {kode: A, min: 88.31, label: Sangat Baik}
  - {kode: B, min: 76.61, label: Baik}
  - {kode: C, min: 65, label: Kurang Baik}
  - {kode: D, label: Tidak Baik}
"""
KODE_SKALA = {"sakip": ["AA", "A", "BB", "B", "C", "D"], "rb": ["AA", "A", "BB", "B", "CC", "C"]}

# (name, abbreviation, urusan code) of typical provincial OPDs; more OPDs than listed
# get a numbered regional unit of the same service.
DAFTAR_OPD = [
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", "1.01"),
    ("Dinas Kesehatan", "Dinkes", "1.02"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", "1.03"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", "1.04"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "1.05"),
    ("Dinas Sosial", "Dinsos", "1.06"),
    ("Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", "2.07"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "2.08"),
    ("Dinas Ketahanan Pangan", "DKP", "2.09"),
    ("Dinas Lingkungan Hidup dan Kehutanan", "DLHK", "2.11"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "2.12"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "2.13"),
    ("Dinas Perhubungan", "Dishub", "2.15"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "2.16"),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "Diskop UKM", "2.17"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "2.18"),
    ("Dinas Kepemudaan dan Olahraga", "Dispora", "2.19"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispursip", "2.23"),
    ("Dinas Kelautan dan Perikanan", "DKP Laut", "3.25"),
    ("Dinas Pariwisata", "Dispar", "3.26"),
    ("Dinas Pertanian dan Perkebunan", "Distanbun", "3.27"),
    ("Dinas Energi dan Sumber Daya Mineral", "Dinas ESDM", "3.29"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag", "3.30"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "5.01"),
    ("Badan Keuangan dan Aset Daerah", "BKAD", "5.02"),
    ("Badan Kepegawaian Daerah", "BKD", "5.03"),
    ("Badan Pengembangan Sumber Daya Manusia", "BPSDM", "5.04"),
    ("Badan Pendapatan Daerah", "Bapenda", "5.02"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "1.05"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "8.01"),
    ("Inspektorat", "Inspektorat", "6.01"),
    ("Sekretariat DPRD", "Setwan", "4.02"),
    ("Biro Pemerintahan dan Otonomi Daerah", "Biro Pemotda", "4.01"),
    ("Biro Organisasi", "Biro Organisasi", "4.01"),
    ("Biro Umum", "Biro Umum", "4.01"),
    ("Biro Hukum", "Biro Hukum", "4.01"),
    ("Biro Perekonomian", "Biro Ekonomi", "4.01"),
    ("Biro Pengadaan Barang dan Jasa", "Biro PBJ", "4.01"),
    ("Rumah Sakit Umum Daerah", "RSUD", "1.02"),
    ("Rumah Sakit Jiwa Daerah", "RSJD", "1.02"),
]

WILAYAH = [
    "Pontianak", "Singkawang", "Sambas", "Bengkayang", "Landak", "Mempawah", "Sanggau",
    "Sekadau", "Sintang", "Melawi", "Kapuas Hulu", "Ketapang", "Kayong Utara", "Kubu Raya",
]

NAMA_DEPAN = ["Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gusti", "Hendra", "Indah", "Joko",
              "Kartini", "Lukman", "Maria", "Nur", "Oktavia", "Putu", "Rahmat", "Siti", "Taufik", "Yohanes"]
NAMA_BELAKANG = ["Santoso", "Wijaya", "Hidayat", "Saputra", "Lestari", "Kurniawan", "Pratama",
                 "Simanjuntak", "Nugroho", "Rahayu", "Syahputra", "Utami", "Harahap", "Setiawan"]
GELAR = ["S.E., M.M.", "S.T., M.T.", "Drs., M.Si.", "S.H., M.H.", "S.Sos., M.AP.", "dr., M.Kes."]

TUJUAN = ["Meningkatnya kualitas pelayanan publik", "Meningkatnya tata kelola pemerintahan yang akuntabel",
          "Meningkatnya kesejahteraan masyarakat", "Meningkatnya kualitas sumber daya manusia",
          "Meningkatnya daya saing daerah", "Terwujudnya lingkungan hidup yang berkelanjutan"]
SASARAN = ["Meningkatnya akuntabilitas kinerja", "Meningkatnya kepuasan masyarakat atas layanan",
           "Menurunnya angka permasalahan layanan", "Meningkatnya cakupan layanan dasar",
           "Meningkatnya kapasitas aparatur", "Meningkatnya kualitas perencanaan dan penganggaran",
           "Meningkatnya pemanfaatan teknologi informasi", "Meningkatnya kualitas infrastruktur layanan"]
PROGRAM = ["Program Penunjang Urusan Pemerintahan Daerah Provinsi", "Program Peningkatan Kapasitas Aparatur",
           "Program Pengelolaan Layanan Dasar", "Program Pembinaan dan Pengawasan",
           "Program Pengembangan Sistem Informasi", "Program Peningkatan Kualitas Pelayanan",
           "Program Pemberdayaan Masyarakat", "Program Pengendalian dan Evaluasi"]
KEGIATAN = ["Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "Administrasi Keuangan Perangkat Daerah",
            "Administrasi Umum Perangkat Daerah", "Pengadaan Barang Milik Daerah Penunjang Urusan",
            "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "Pemeliharaan Barang Milik Daerah",
            "Pembinaan Teknis Layanan", "Koordinasi dan Sinkronisasi Program", "Pengembangan Kapasitas Layanan"]
SUBKEGIATAN = ["Penyusunan Dokumen Perencanaan Perangkat Daerah", "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
               "Evaluasi Kinerja Perangkat Daerah", "Penyediaan Gaji dan Tunjangan ASN",
               "Penyediaan Peralatan dan Perlengkapan Kantor", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
               "Pemeliharaan Gedung Kantor dan Bangunan Lainnya", "Penyelenggaraan Rapat Koordinasi dan Konsultasi",
               "Fasilitasi Kunjungan Tamu", "Pendataan dan Pengolahan Administrasi Kepegawaian",
               "Sosialisasi Peraturan Perundang-undangan", "Monitoring dan Evaluasi Pelaksanaan Kegiatan",
               "Pelatihan Teknis Aparatur", "Pengembangan Aplikasi Layanan", "Penyusunan Laporan Keuangan"]
OBJEK = ["dokumen perencanaan", "laporan keuangan", "layanan administrasi", "aparatur terlatih",
         "pengaduan masyarakat", "aset daerah", "sarana prasarana kantor", "rekomendasi hasil pemeriksaan",
         "data kependudukan", "layanan daring", "kegiatan koordinasi", "produk hukum daerah"]

# satuan → (lowest, highest) plausible value of a positif indicator, and decimals.
SATUAN = {
    "Persen": (55, 100, 2),
    "Indeks": (60, 90, 2),
    "Dokumen": (2, 40, 0),
    "Orang": (20, 2500, 0),
    "Unit": (1, 60, 0),
    "Laporan": (4, 24, 0),
    "Kegiatan": (3, 50, 0),
}
NEGATIF = [
    ("Persentase temuan pemeriksaan yang belum ditindaklanjuti", "Persen", (5, 30, 2)),
    ("Jumlah pengaduan layanan yang tidak terselesaikan", "Kasus", (10, 120, 0)),
    ("Rata-rata waktu penyelesaian layanan", "Hari", (3, 21, 0)),
    ("Angka kesalahan data administrasi", "Persen", (2, 15, 2)),
]


@dataclass
class _Ind:
    id: str
    elemen: str
    nama: str
    satuan: str
    polaritas: str
    sifat: str
    iku: bool
    skala: str
    lo: int = 0
    hi: int = 0
    dec: int = 0
    triwulan: bool = False
    rows: list = field(default_factory=list)


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _angka(value: float, dec: int) -> str:
    return f"{value:.{dec}f}"


def _rupiah(sen: int) -> str:
    return f"{sen // 100}.{sen % 100:02d}" if sen % 100 else str(sen // 100)


def _indonesia(text: str) -> str:
    """1234567.5 → 1.234.567,5: the form a spreadsheet with Indonesian locale writes."""
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    out = ".".join(reversed(groups))
    return f"{out},{frac}" if frac else out


class _Opd:
    def __init__(self, rng: random.Random, idx: int, awal: int, akhir: int, n_ind: int):
        self.rng = rng
        self.awal, self.akhir = awal, akhir
        base = DAFTAR_OPD[idx % len(DAFTAR_OPD)]
        ronde = idx // len(DAFTAR_OPD)
        if ronde:
            wilayah = WILAYAH[(ronde - 1) % len(WILAYAH)]
            nomor = (ronde - 1) // len(WILAYAH)
            suffix = f" Wilayah {wilayah}" + (f" {nomor + 1}" if nomor else "")
            self.nama = f"UPTD {base[0]}{suffix}"
            self.singkatan = f"UPTD {base[1]} {wilayah}" + (f" {nomor + 1}" if nomor else "")
        else:
            self.nama, self.singkatan = base[0], base[1]
        self.kode_urusan = base[2]
        slug = "".join(c if c.isalnum() else "-" for c in self.singkatan.lower())
        self.id = "-".join(p for p in slug.split("-") if p)
        self.n_ind = n_ind
        self.struktur: list[list[str]] = []
        self.ind: list[_Ind] = []

    # ------------------------------------------------------------ plan tree

    def _add(self, id_: str, jenis: str, kode: str, nama: str, induk: str) -> str:
        self.struktur.append([id_, jenis, kode, nama, induk])
        return id_

    def _tambah_indikator(self, elemen: str, jenis: str, k: int, iku: bool) -> None:
        rng = self.rng
        iid = f"{jenis}-{elemen}-{k}"
        roll = rng.random()
        if roll < 0.06:
            skala = rng.choice(["sakip", "rb"])
            nama = "Nilai SAKIP perangkat daerah" if skala == "sakip" else "Indeks reformasi birokrasi"
            ind = _Ind(iid, elemen, nama, "Predikat", "kategori", "non-kumulatif", iku, skala)
        elif roll < 0.18:
            nama, satuan, (lo, hi, dec) = rng.choice(NEGATIF)
            ind = _Ind(iid, elemen, nama, satuan, "negatif", "non-kumulatif", iku, "", lo, hi, dec)
        else:
            satuan = rng.choice(list(SATUAN))
            lo, hi, dec = SATUAN[satuan]
            obj = rng.choice(OBJEK)
            if satuan == "Persen":
                nama = f"Persentase {obj} yang diselesaikan tepat waktu"
            elif satuan == "Indeks":
                nama = f"Indeks kepuasan atas {obj}"
            else:
                nama = f"Jumlah {obj}"
            sifat = "kumulatif" if satuan in ("Orang", "Unit", "Dokumen") and rng.random() < 0.4 else "non-kumulatif"
            skala = "ikm" if satuan == "Indeks" and rng.random() < 0.5 else ""
            ind = _Ind(iid, elemen, nama, satuan, "positif", sifat, iku, skala, lo, hi, dec)
        ind.triwulan = ind.polaritas != "kategori" and rng.random() < 0.15
        self.ind.append(ind)

    def susun(self) -> None:
        rng, m = self.rng, self.n_ind
        n_sas = max(2, min(8, round(m / 35)))
        n_tuj = max(1, n_sas // 3)
        n_prog = max(2, min(12, round(m / 25)))
        n_keg = max(n_prog, round(m / 10))
        # Indicators left for sub kegiatan after 1–2 per sasaran, program and kegiatan.
        tuj = [self._add(f"tj-{i + 1}", "tujuan", "", TUJUAN[i % len(TUJUAN)], "") for i in range(n_tuj)]
        sas = [
            self._add(f"ss-{i + 1}", "sasaran", "", SASARAN[i % len(SASARAN)], tuj[i % n_tuj])
            for i in range(n_sas)
        ]
        for s in sas:
            for k in range(rng.choice((1, 1, 2))):
                self._tambah_indikator(s, "iku", k + 1, iku=True)
        urusan = self.kode_urusan
        progs = []
        for i in range(n_prog):
            kode = f"{urusan}.{i + 1:02d}"
            pid = self._add(f"p-{kode.replace('.', '-')}", "program", kode, PROGRAM[i % len(PROGRAM)], sas[i % n_sas])
            progs.append((pid, kode))
        # The same program code under a second sasaran (allowed: kode need not be unique).
        if n_sas > 1 and n_prog > 1:
            pid, kode = progs[0]
            progs.append((self._add(pid + "-b", "program", kode, PROGRAM[0], sas[1]), kode))
        for pid, _ in progs:
            for k in range(rng.choice((1, 2))):
                self._tambah_indikator(pid, "ip", k + 1, iku=False)
        kegs = []
        for i in range(n_keg):
            pid, pkode = progs[i % len(progs)]
            kode = f"{pkode}.{1 + (i // len(progs)) % 2}.{i // len(progs) + 1:02d}"
            kid = self._add(f"k-{pid[2:]}-{i + 1}", "kegiatan", kode, KEGIATAN[i % len(KEGIATAN)], pid)
            kegs.append((kid, kode))
            self._tambah_indikator(kid, "ik", 1, iku=False)
        sisa = max(len(kegs), m - len(self.ind))
        j = 0
        while sisa > 0:
            kid, kkode = kegs[j % len(kegs)]
            kode = f"{kkode}.{j // len(kegs) + 1:04d}"
            sid = self._add(f"s-{kid[2:]}-{j // len(kegs) + 1}", "subkegiatan", kode, SUBKEGIATAN[j % len(SUBKEGIATAN)], kid)
            for k in range(min(sisa, rng.choice((1, 1, 2)))):
                self._tambah_indikator(sid, "isk", k + 1, iku=False)
                sisa -= 1
            j += 1

    # ------------------------------------------------------------ values

    def _nilai(self, ind: _Ind, x: float) -> str:
        return _angka(x, ind.dec)

    def target_realisasi(self) -> tuple[list[list[str]], list[list[str]]]:
        rng = self.rng
        years = list(range(self.awal, self.akhir + 1))
        tgt: list[list[str]] = []
        real: list[list[str]] = []
        for ind in self.ind:
            if ind.polaritas == "kategori":
                codes = KODE_SKALA[ind.skala]
                start = rng.randint(2, len(codes) - 1)
                plan = [codes[max(0, start - (y - self.awal) // 2)] for y in years]
                for y, c in zip(years, plan):
                    tgt.append([ind.id, str(y), "renstra", "", c])
                    tgt.append([ind.id, str(y), "renja", "", c])
                    if ind.iku:
                        tgt.append([ind.id, str(y), "pk", "", c])
                for y, c in zip(years[:-1], plan):
                    got = codes[min(len(codes) - 1, max(0, codes.index(c) + rng.choice((-1, 0, 0, 1))))]
                    real.append([ind.id, str(y), "tahunan", "" if rng.random() < 0.03 else got, ""])
                continue
            lo, hi = ind.lo, ind.hi
            base = rng.uniform(lo, lo + (hi - lo) * 0.6)
            step = (hi - base) / (len(years) + 1)
            annual = []
            for i, _ in enumerate(years):
                annual.append(base - step * i * 0.5 if ind.polaritas == "negatif" else base + step * i)
            if ind.polaritas == "negatif":
                annual = [max(lo * 0.5, a) for a in annual]
            cum = 0.0
            for y, a in zip(years, annual):
                cum += a
                # Renstra targets of a kumulatif indicator are "s/d tahun n" totals.
                renstra = cum if ind.sifat == "kumulatif" else a
                tgt.append([ind.id, str(y), "renstra", "", self._nilai(ind, renstra)])
                if y != years[0] or rng.random() < 0.8:
                    tgt.append([ind.id, str(y), "renja", "", self._nilai(ind, a * rng.uniform(0.98, 1.02))])
                if ind.iku and rng.random() < 0.7:
                    tgt.append([ind.id, str(y), "pk", "", self._nilai(ind, a)])
                if ind.triwulan:
                    for q in range(1, 5):
                        share = q / 4 if ind.satuan not in ("Persen", "Indeks", "Hari") and ind.polaritas != "negatif" else 1
                        tgt.append([ind.id, str(y), "renja", f"tw{q}", self._nilai(ind, a * share)])
            for i, y in enumerate(years):
                last = y == years[-1]
                a = annual[i] * rng.uniform(0.85, 1.12)
                if ind.triwulan:
                    quarters = 2 if last else 4
                    for q in range(1, quarters + 1):
                        share = q / 4 if ind.satuan not in ("Persen", "Indeks", "Hari") and ind.polaritas != "negatif" else 1
                        real.append([ind.id, str(y), f"tw{q}", self._nilai(ind, a * share * rng.uniform(0.9, 1.05)), ""])
                    # The annual value of some quarterly indicators comes from tw4.
                    if not last and rng.random() < 0.5:
                        real.append([ind.id, str(y), "tahunan", self._nilai(ind, a), ""])
                elif not last:
                    if rng.random() < 0.04:
                        real.append([ind.id, str(y), "tahunan", "", "data belum tersedia"])
                    else:
                        text = self._nilai(ind, a)
                        if ind.dec and rng.random() < 0.05:
                            text = _indonesia(text)
                        elif ind.satuan == "Unit" and rng.random() < 0.2:
                            text = f"{text} Unit"
                        real.append([ind.id, str(y), "tahunan", text, ""])
        return tgt, real

    def anggaran(self) -> list[list[str]]:
        rng = self.rng
        rows = []
        subs = [r for r in self.struktur if r[1] == "subkegiatan"]
        for y in range(self.awal, self.akhir + 1):
            last = y == self.akhir
            for s in subs:
                funds = ["PAD", "DAU"] if rng.random() < 0.15 else [""]
                for dana in funds:
                    # Amounts in sen (1/100 Rupiah): 20 juta to 4 miliar, some with fractions.
                    pagu = rng.randint(20_000, 4_000_000) * 100_000
                    if rng.random() < 0.2:
                        pagu += rng.choice((25, 50, 75))
                    pagu_txt = _rupiah(pagu)
                    if (last and rng.random() < 0.5) or rng.random() < 0.01:
                        real_txt = ""  # not reported yet
                    else:
                        real_txt = _rupiah(pagu * rng.randint(6500, 10000) // 10000)
                    if rng.random() < 0.02:
                        pagu_txt = "Rp " + _indonesia(pagu_txt)
                    rows.append([s[0], str(y), pagu_txt, real_txt, dana])
        return rows


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tulis_contoh(out: Path, opd: int, awal: int, akhir: int, indikator: int, seed: int) -> None:
    """Write a synthetic data directory into `out` (its previous contents are replaced)."""
    if opd < 1 or indikator < 1 or awal > akhir:
        raise ValueError("opd and indikator must be ≥ 1 and awal ≤ akhir")
    rng = random.Random(seed)
    out = Path(out)
    if (out / "opd").is_dir():
        shutil.rmtree(out / "opd")
    out.mkdir(parents=True, exist_ok=True)
    (out / "pemda.yaml").write_bytes(
        (
            "# Data sintetis untuk uji skala (kinerja contoh); angka tidak nyata.\n"
            f"nama: Pemerintah Provinsi Contoh {seed}\n"
            "jenis: provinsi\n"
            f"periode: {{awal: {awal}, akhir: {akhir}}}\n"
            "aturan:\n  rumus_negatif: selisih\n  batas_capaian: null\n"
        ).encode()
    )
    (out / "skala.yaml").write_bytes(SKALA_YAML.encode("utf-8"))
    seen: set[str] = set()
    for idx in range(opd):
        o = _Opd(rng, idx, awal, akhir, indikator)
        while o.id in seen:  # the same abbreviation twice in the list
            o.id += "-2"
        seen.add(o.id)
        folder = out / "opd" / o.id
        folder.mkdir(parents=True)
        kepala = f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}, {rng.choice(GELAR)}"
        nip = f"{rng.randint(1965, 1985)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d} {rng.randint(1990, 2012)}0{rng.randint(1, 9)} 1 0{rng.randint(10, 99)}"
        profil = (
            f"nama: {_yaml_str(o.nama)}\n"
            f"singkatan: {_yaml_str(o.singkatan)}\n"
            f"kode: {_yaml_str(o.kode_urusan)}\n"
            "kepala:\n"
            f"  nama: {_yaml_str(kepala)}\n"
            f"  nip: {_yaml_str(nip)}\n"
            f"  jabatan: {_yaml_str('Kepala ' + o.nama)}\n"
            f"alamat: {_yaml_str(f'Jl. Ahmad Yani No. {rng.randint(1, 200)}, Pontianak')}\n"
            f"tugas: {_yaml_str('Membantu Gubernur melaksanakan urusan pemerintahan bidang ' + o.nama.lower())}\n"
            "fungsi:\n"
            "  - Perumusan kebijakan teknis sesuai lingkup tugasnya;\n"
            "  - Pelaksanaan kebijakan dan pelayanan sesuai lingkup tugasnya;\n"
            "  - Pelaksanaan evaluasi dan pelaporan.\n"
        )
        (folder / "opd.yaml").write_bytes(profil.encode("utf-8"))
        o.susun()
        (folder / "struktur.csv").write_bytes(_csv([["id", "jenis", "kode", "nama", "induk"], *o.struktur]))
        ind_rows = [[
            "id", "elemen", "nama", "satuan", "polaritas", "sifat", "iku", "skala",
            "formula", "sumber_data", "penanggung_jawab",
        ]]
        for i in o.ind:
            formula = "realisasi / sasaran × 100%" if i.satuan == "Persen" else ""
            ind_rows.append([
                i.id, i.elemen, i.nama, i.satuan, i.polaritas, i.sifat, "ya" if i.iku else "tidak",
                i.skala, formula, f"Laporan {o.singkatan}", f"Kepala {o.singkatan}" if i.iku else "",
            ])
        (folder / "indikator.csv").write_bytes(_csv(ind_rows))
        tgt, real = o.target_realisasi()
        (folder / "target.csv").write_bytes(_csv([["indikator", "tahun", "jenis", "periode", "nilai"], *tgt]))
        (folder / "realisasi.csv").write_bytes(_csv([["indikator", "tahun", "periode", "nilai", "catatan"], *real]))
        (folder / "anggaran.csv").write_bytes(
            _csv([["elemen", "tahun", "pagu", "realisasi", "sumber_dana"], *o.anggaran()])
        )
        if idx % 3 == 0 and akhir > awal:
            narasi = folder / "narasi"
            narasi.mkdir()
            (narasi / f"{akhir - 1}.md").write_bytes(
                (
                    f"Capaian kinerja {o.singkatan} tahun {akhir - 1} dipengaruhi oleh penyesuaian "
                    "anggaran dan pelaksanaan kegiatan yang bergeser ke triwulan IV.\n"
                ).encode()
            )
