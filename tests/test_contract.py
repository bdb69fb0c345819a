"""A data directory written by someone else, following only the text of data contract v1,
loads, validates and exports the right numbers (issue 2, "Done when").

tests/fixtures/kota-lain/ is a different government (Pemerintah Kota Contoh, jenis kota)
with two OPDs. It uses what the contract allows and the example data does not:
semicolon-delimited CSV with decimal commas (dinas-kesehatan target/realisasi/anggaran),
a BOM (dinas-kesehatan/indikator.csv), quoted decimal commas in comma CSV (bakeuda),
`Rp 750.000` and `Rp 10.000.000.000,00` amounts, a trailing `%` and trailing units,
quarterly targets and realisations, a negatif indicator under `rumus_negatif: rasio`
with a target of 0, a kategori indicator on its own scale, a kumulatif indicator,
two sumber_dana rows on one subkegiatan, a missing realisasi, an element without induk,
a repeated program kode, `skala.yaml` overriding `capaian` and `batas_capaian: 120`.

Every expected cell below is computed by hand in the comments.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.validate import periksa

HEADER = {
    "capaian": "opd,indikator,tahun,periode,jenis_target,target,realisasi,capaian,predikat,kategori,"
    "capaian_renstra,pertumbuhan",
    "anggaran": "opd,elemen,jenis,tahun,pagu,realisasi,serapan,sisa",
    "ringkasan": "opd,tahun,jumlah_indikator,rata_rata_capaian,predikat,melebihi,memenuhi,belum,serapan",
    "efisiensi": "opd,sasaran,tahun,capaian,serapan,efisiensi",
}


@pytest.fixture(scope="module")
def keluaran(tmp_path_factory) -> Path:
    """`kinerja generate` once for the module (the CLI is the user's entry point)."""
    from generator import cli

    data = Path(__file__).parent / "fixtures" / "kota-lain"
    out = tmp_path_factory.mktemp("kota-lain-out")
    assert cli.main(["generate", "--data", str(data), "--out", str(out)]) == 0
    return out


def baca(out: Path, name: str) -> list[str]:
    return (out / "unduh" / f"{name}.csv").read_text(encoding="utf-8").splitlines()


def baris(out: Path, name: str) -> dict[tuple, str]:
    """CSV lines keyed by their identifying cells."""
    lines = baca(out, name)
    width = {"capaian": 4, "anggaran": 4, "ringkasan": 2, "efisiensi": 3}[name]
    out_rows = {}
    for line in lines[1:]:
        cells = next(csv.reader([line]))
        key = tuple(cells[:width]) if name != "anggaran" else (cells[0], cells[1], cells[3])
        assert key not in out_rows, f"duplicate row {key}"
        out_rows[key] = line
    return out_rows


# ---------------------------------------------------------------- check


def test_check_lulus_tanpa_peringatan(run_cli, fixture_dir):
    code, err = run_cli("check", "--data", fixture_dir("kota-lain"))
    assert code == 0, err
    assert "sah." in err
    assert "peringatan" not in err and "galat" not in err


def test_data_terbaca_sesuai_kontrak(fixture_dir):
    dataset, laporan = periksa(fixture_dir("kota-lain"))
    assert laporan.problems == []
    assert dataset.pemda.nama == "Pemerintah Kota Contoh"
    assert dataset.pemda.jenis == "kota"
    assert (dataset.pemda.periode_awal, dataset.pemda.periode_akhir) == (2021, 2026)
    assert dataset.pemda.aturan.rumus_negatif == "rasio"
    assert dataset.pemda.aturan.batas_capaian == Decimal(120)
    assert [b.label for b in dataset.skala_capaian.bands] == ["Sangat Baik", "Baik", "Cukup", "Kurang"]
    opd = {o.id: o for o in dataset.opd}
    assert sorted(opd) == ["bakeuda", "dinas-kesehatan"]
    dk, bk = opd["dinas-kesehatan"], opd["bakeuda"]
    # opd.yaml renstra wins; bakeuda falls back to pemda.periode
    assert (dk.renstra_awal, dk.renstra_akhir) == (2022, 2024)
    assert (bk.renstra_awal, bk.renstra_akhir) == (2021, 2026)
    assert dk.kepala.nip == "197001012000032001"
    # BOM file: the first column is "id", not "\ufeffid"
    assert [i.id for i in dk.indikator] == ["IKU-1", "IKU-2", "IKU-3", "IND-4"]
    # kode stays text, leading zeros and all
    assert {e.id: e.kode for e in dk.elemen}["SK1"] == "1.02.02.2.02.0020"
    # semicolon file with decimal commas
    t = {(x.indikator, x.tahun, x.jenis, x.periode): x.nilai for x in dk.target}
    assert t[("IKU-3", 2023, "renja", "tahunan")] == Decimal("95.5")
    assert t[("IKU-3", 2024, "renstra", "tahunan")] == Decimal(98)  # "98%"
    assert t[("IND-4", 2022, "renja", "tahunan")] == Decimal(2)  # "2 Unit", satuan Unit
    assert t[("IKU-2", 2023, "renja", "tahunan")] == "BB"
    r = {(x.indikator, x.tahun, x.periode): x.nilai for x in dk.realisasi}
    assert r[("IKU-3", 2023, "tw3")] == Decimal("76.25")
    # Rupiah: "Rp 750.000" is 750000, "1.250.000,50" keeps its fraction
    a = [(x.elemen, x.tahun, x.pagu, x.realisasi, x.sumber_dana) for x in dk.anggaran]
    assert ("SK1", 2023, Decimal(750000), Decimal(700000), "DAU") in a
    assert ("SK1", 2023, Decimal("1250000.50"), Decimal(1000000), "DAK") in a
    assert ("SK3", 2023, Decimal(500000), None, "DAU") in a
    # comma file with quoted decimal commas; an empty realisation is "no data", not 0
    rb = {(x.indikator, x.tahun): x.nilai for x in bk.realisasi}
    assert rb[("opini", 2023)] == Decimal("87.5")
    assert rb[("temuan", 2024)] == Decimal(2)  # "2 temuan"
    assert rb[("opini", 2024)] is None
    assert bk.anggaran[0].pagu == Decimal("10000000000.00")
    assert dk.narasi[2023].startswith("Cakupan imunisasi 2023")


# ---------------------------------------------------------------- generate: files


def test_generate_menulis_ekspor(keluaran):
    for name in HEADER:
        for ext in ("csv", "json"):
            assert (keluaran / "unduh" / f"{name}.{ext}").is_file()
            for opd in ("bakeuda", "dinas-kesehatan"):
                assert (keluaran / "unduh" / opd / f"{name}.{ext}").is_file()


@pytest.mark.parametrize("name", sorted(HEADER))
def test_header_tepat(keluaran, name):
    assert baca(keluaran, name)[0] == HEADER[name]
    raw = (keluaran / "unduh" / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw


def test_generate_dua_kali_sama(run_cli, fixture_dir, keluaran, tmp_path):
    code, err = run_cli("generate", "--data", fixture_dir("kota-lain"), "--out", tmp_path)
    assert code == 0, err
    for name in HEADER:
        for ext in ("csv", "json"):
            rel = Path("unduh") / f"{name}.{ext}"
            assert (tmp_path / rel).read_bytes() == (keluaran / rel).read_bytes()


# ---------------------------------------------------------------- capaian.csv


def test_capaian_baris(keluaran):
    rows = baris(keluaran, "capaian")
    assert len(rows) == 21  # 5 bakeuda + 16 dinas-kesehatan (12 tahunan + 4 quarterly)

    def cek(key, expected):
        assert rows[key] == expected, key

    # IKU-1, negatif under rasio (pemda.yaml). 2023: PK 75 wins over Renja 80;
    # capaian T/R = 75/60 = 125.00 (not capped in the row); predikat of the override
    # scale (>= 90 Sangat Baik); renstra: final target 2024 = 60, R 60 -> 60/60 = 100.00;
    # pertumbuhan (60/90 - 1) x 100 = -33.33.
    cek(("dinas-kesehatan", "IKU-1", "2023", "tahunan"),
        "dinas-kesehatan,IKU-1,2023,tahunan,pk,75,60,125.00,Sangat Baik,melebihi target,100.00,-33.33")
    # 2022: no target -> capaian empty; renstra 60/90 = 66.67; no 2021 -> no pertumbuhan
    cek(("dinas-kesehatan", "IKU-1", "2022", "tahunan"), "dinas-kesehatan,IKU-1,2022,tahunan,,,90,,,,66.67,")
    # 2024: Renja 70 beats Renstra 60; no realisation yet
    cek(("dinas-kesehatan", "IKU-1", "2024", "tahunan"), "dinas-kesehatan,IKU-1,2024,tahunan,renja,70,,,,,,")
    # IKU-2, kategori on `sakip` (AA=6, A=5, BB=4, B=3, C=2, D=1): A vs BB = 5/4 = 125.00;
    # renstra A vs A = 100.00; no pertumbuhan for kategori; 2022: B vs final A = 3/5 = 60.00
    cek(("dinas-kesehatan", "IKU-2", "2023", "tahunan"),
        "dinas-kesehatan,IKU-2,2023,tahunan,renja,BB,A,125.00,Sangat Baik,melebihi target,100.00,")
    cek(("dinas-kesehatan", "IKU-2", "2022", "tahunan"), "dinas-kesehatan,IKU-2,2022,tahunan,,,B,,,,60.00,")
    # IKU-3: annual realisation from tw4 (96,8): 96.8/95.5 = 101.3613 -> 101.36;
    # renstra 96.8/98 = 98.7755 -> 98.78; pertumbuhan (96.8/91.2 - 1) x 100 = 6.1404 -> 6.14
    cek(("dinas-kesehatan", "IKU-3", "2023", "tahunan"),
        "dinas-kesehatan,IKU-3,2023,tahunan,renja,95.5,96.8,101.36,Sangat Baik,melebihi target,98.78,6.14")
    # quarters against their own targets: 20.5/25 = 82.00 (Baik), 48/50 = 96.00,
    # 76.25/75 = 101.6667 -> 101.67; tw4 has no quarterly target: annual 95.5 -> 101.36
    cek(("dinas-kesehatan", "IKU-3", "2023", "tw1"),
        "dinas-kesehatan,IKU-3,2023,tw1,renja,25,20.5,82.00,Baik,belum memenuhi target,,")
    cek(("dinas-kesehatan", "IKU-3", "2023", "tw2"),
        "dinas-kesehatan,IKU-3,2023,tw2,renja,50,48,96.00,Sangat Baik,belum memenuhi target,,")
    cek(("dinas-kesehatan", "IKU-3", "2023", "tw3"),
        "dinas-kesehatan,IKU-3,2023,tw3,renja,75,76.25,101.67,Sangat Baik,melebihi target,,")
    cek(("dinas-kesehatan", "IKU-3", "2023", "tw4"),
        "dinas-kesehatan,IKU-3,2023,tw4,renja,95.5,96.8,101.36,Sangat Baik,melebihi target,,")
    # 2022: renstra 91.2/98 = 93.0612 -> 93.06
    cek(("dinas-kesehatan", "IKU-3", "2022", "tahunan"), "dinas-kesehatan,IKU-3,2022,tahunan,,,91.2,,,,93.06,")
    cek(("dinas-kesehatan", "IKU-3", "2024", "tahunan"), "dinas-kesehatan,IKU-3,2024,tahunan,renstra,98,,,,,,")
    # IND-4 kumulatif, Renstra 2022-2024, final target 10: s/d 2022 = 3 -> 30.00;
    # s/d 2023 = 3 + 4 = 7 -> 70.00; capaian 4/3 = 133.33; pertumbuhan (4/3 - 1) = 33.33
    cek(("dinas-kesehatan", "IND-4", "2022", "tahunan"),
        "dinas-kesehatan,IND-4,2022,tahunan,renja,2,3,150.00,Sangat Baik,melebihi target,30.00,")
    cek(("dinas-kesehatan", "IND-4", "2023", "tahunan"),
        "dinas-kesehatan,IND-4,2023,tahunan,renja,3,4,133.33,Sangat Baik,melebihi target,70.00,33.33")
    # bakeuda: negatif with target 0 -> 100 when R = 0, 0 otherwise (also under rasio);
    # Renstra 2021-2026 from pemda.yaml has no 2026 target: capaian_renstra empty;
    # pertumbuhan after a year of 0 is empty.
    cek(("bakeuda", "temuan", "2023", "tahunan"),
        "bakeuda,temuan,2023,tahunan,renja,0,0,100.00,Sangat Baik,memenuhi target,,")
    cek(("bakeuda", "temuan", "2024", "tahunan"),
        "bakeuda,temuan,2024,tahunan,renja,0,2,0.00,Kurang,belum memenuhi target,,")
    # 87.5/100 = 87.50 -> Baik (75 <= x < 90 on the override scale)
    cek(("bakeuda", "opini", "2023", "tahunan"),
        "bakeuda,opini,2023,tahunan,renja,100,87.5,87.50,Baik,belum memenuhi target,,")
    # an empty realisation is no data: no capaian, no kategori
    cek(("bakeuda", "opini", "2024", "tahunan"), "bakeuda,opini,2024,tahunan,renja,99.5,,,,,,")
    cek(("bakeuda", "gaji", "2023", "tahunan"),
        "bakeuda,gaji,2023,tahunan,renja,100,100,100.00,Sangat Baik,memenuhi target,,")


def test_capaian_urutan(keluaran):
    keys = [tuple(line.split(",")[:4]) for line in baca(keluaran, "capaian")[1:]]
    # OPD by id, indicator by id, year, then tahunan before its quarters
    assert keys[:5] == [
        ("bakeuda", "gaji", "2023", "tahunan"), ("bakeuda", "opini", "2023", "tahunan"),
        ("bakeuda", "opini", "2024", "tahunan"), ("bakeuda", "temuan", "2023", "tahunan"),
        ("bakeuda", "temuan", "2024", "tahunan"),
    ]
    assert keys[11:17] == [
        ("dinas-kesehatan", "IKU-3", "2022", "tahunan"), ("dinas-kesehatan", "IKU-3", "2023", "tahunan"),
        ("dinas-kesehatan", "IKU-3", "2023", "tw1"), ("dinas-kesehatan", "IKU-3", "2023", "tw2"),
        ("dinas-kesehatan", "IKU-3", "2023", "tw3"), ("dinas-kesehatan", "IKU-3", "2023", "tw4"),
    ]


# ---------------------------------------------------------------- anggaran.csv


def test_anggaran_baris(keluaran):
    rows = baris(keluaran, "anggaran")
    assert len(rows) == 36  # bakeuda 9 + 9, dinas-kesehatan 12 + 6

    def cek(opd, el, tahun, expected):
        assert rows[(opd, el, tahun)] == expected

    # SK1 2023: two sumber_dana rows. pagu 750000 ("Rp 750.000") + 1250000.50
    # = 2000000.5; realisasi 700000 + 1000000 = 1700000; serapan 84.99998 -> 85.00;
    # sisa 300000.5
    cek("dinas-kesehatan", "SK1", "2023", "dinas-kesehatan,SK1,subkegiatan,2023,2000000.5,1700000,85.00,300000.5")
    cek("dinas-kesehatan", "SK2", "2023", "dinas-kesehatan,SK2,subkegiatan,2023,2000000,1500000,75.00,500000")
    # K1 = P1 = S1: 4000000.5 / 3200000 -> 79.99999 -> 80.00, sisa 800000.5
    for el, jenis in (("K1", "kegiatan"), ("P1", "program"), ("S1", "sasaran")):
        cek("dinas-kesehatan", el, "2023", f"dinas-kesehatan,{el},{jenis},2023,4000000.5,3200000,80.00,800000.5")
    # SK3 has no realisasi: it and every total above it show pagu only
    cek("dinas-kesehatan", "SK3", "2023", "dinas-kesehatan,SK3,subkegiatan,2023,500000,,,")
    cek("dinas-kesehatan", "S2", "2023", "dinas-kesehatan,S2,sasaran,2023,500000,,,")
    cek("dinas-kesehatan", "T1", "2023", "dinas-kesehatan,T1,tujuan,2023,4500000.5,,,")
    # K9 has no induk: complete on its own, and counted in the OPD total
    cek("dinas-kesehatan", "K9", "2023", "dinas-kesehatan,K9,kegiatan,2023,300000,300000,100.00,0")
    # OPD: 4500000.5 + 300000 = 4800000.5; realisasi unknown because of SK3
    cek("dinas-kesehatan", "dinas-kesehatan", "2023", "dinas-kesehatan,dinas-kesehatan,opd,2023,4800000.5,,,")
    cek("dinas-kesehatan", "dinas-kesehatan", "2024", "dinas-kesehatan,dinas-kesehatan,opd,2024,4000000,,,")
    # bakeuda 2023: "Rp 10.000.000.000,00" / "Rp 9.650.000.000,00" -> 96.50;
    # sk2 250000000 / 200000000 -> 80.00; OPD 9850000000 / 10250000000 = 96.0976 -> 96.10
    cek("bakeuda", "sk", "2023", "bakeuda,sk,subkegiatan,2023,10000000000,9650000000,96.50,350000000")
    cek("bakeuda", "pr2", "2023", "bakeuda,pr2,program,2023,250000000,200000000,80.00,50000000")
    cek("bakeuda", "bakeuda", "2023", "bakeuda,bakeuda,opd,2023,10250000000,9850000000,96.10,400000000")
    # pagu 0: serapan empty, sisa 0
    cek("bakeuda", "sk2", "2024", "bakeuda,sk2,subkegiatan,2024,0,0,,0")
    cek("bakeuda", "bakeuda", "2024", "bakeuda,bakeuda,opd,2024,10500000000,,,")


def test_anggaran_urutan_pohon(keluaran):
    order = [tuple(line.split(",")[1:4]) for line in baca(keluaran, "anggaran")[1:]]
    assert order[:9] == [
        ("bakeuda", "opd", "2023"), ("tj", "tujuan", "2023"), ("sa", "sasaran", "2023"),
        # pr and pr2 share kode 5.02.01: ordered by id
        ("pr", "program", "2023"), ("kg", "kegiatan", "2023"), ("sk", "subkegiatan", "2023"),
        ("pr2", "program", "2023"), ("kg2", "kegiatan", "2023"), ("sk2", "subkegiatan", "2023"),
    ]
    cells = [line.split(",") for line in baca(keluaran, "anggaran")[1:]]
    dk = [c[1] for c in cells if c[0] == "dinas-kesehatan" and c[3] == "2023"]
    # roots by kode: T1 (no kode) before K9 (no induk, kode 1.02.01.2.09)
    assert dk == ["dinas-kesehatan", "T1", "S1", "P1", "K1", "SK1", "SK2", "S2", "P2", "K2", "SK3", "K9"]


# ---------------------------------------------------------------- ringkasan.csv, efisiensi.csv


def test_ringkasan_baris(keluaran):
    assert baca(keluaran, "ringkasan")[1:] == [
        # no IKU flagged: sasaran-level temuan (100) and opini (87.5): mean 93.75;
        # memenuhi 1, belum 1; OPD serapan 96.10
        "bakeuda,2023,2,93.75,Sangat Baik,0,1,1,96.10",
        # only temuan is computable: 0.00 -> Kurang; OPD realisasi unknown
        "bakeuda,2024,2,0.00,Kurang,0,0,1,",
        # 3 IKU with a realisation in 2022 but no target: nothing computable
        "dinas-kesehatan,2022,3,,,0,0,0,",
        # batas_capaian 120: (120 + 120 + 101.3613) / 3 = 113.787 -> 113.79
        # (117.12 without the cap); three above target; OPD realisasi unknown (SK3)
        "dinas-kesehatan,2023,3,113.79,Sangat Baik,3,0,0,",
        "dinas-kesehatan,2024,3,,,0,0,0,",
    ]


def test_efisiensi_baris(keluaran):
    assert baca(keluaran, "efisiensi")[1:] == [
        # sa: capaian 93.75 - serapan 96.0976 = -2.3476 -> -2.35
        "bakeuda,sa,2023,93.75,96.10,-2.35",
        "bakeuda,sa,2024,0.00,,",
        "dinas-kesehatan,S1,2022,,,",
        "dinas-kesehatan,S2,2022,,,",
        # S1: IKU-1 (125 capped to 120) and IKU-3 (101.3613): mean 110.6806;
        # serapan 79.99999; efisiensi 30.6806 -> 30.68
        "dinas-kesehatan,S1,2023,110.68,80.00,30.68",
        # S2: IKU-2 125 capped to 120; its budget (SK3) has no realisasi
        "dinas-kesehatan,S2,2023,120.00,,",
        "dinas-kesehatan,S1,2024,,,",
        "dinas-kesehatan,S2,2024,,,",
    ]


# ---------------------------------------------------------------- JSON twins


def json_rows(out: Path, name: str, prefix: str = "unduh/") -> list[dict]:
    return json.loads((out / f"{prefix}{name}.json").read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.mark.parametrize("name", sorted(HEADER))
def test_json_kembar_csv(keluaran, name):
    """Same rows and columns as the CSV; numbers as numbers, empty cells as null."""
    rows = json_rows(keluaran, name)
    csv_rows = list(csv.DictReader(io.StringIO("\n".join(baca(keluaran, name)))))
    assert len(rows) == len(csv_rows)
    for j, c in zip(rows, csv_rows):
        assert list(j) == HEADER[name].split(",")
        for k, v in c.items():
            if v == "":
                assert j[k] is None, (k, j)
            elif isinstance(j[k], str):
                assert j[k] == v
            else:
                assert Decimal(str(j[k])) == Decimal(v), (k, j[k], v)


def test_json_nilai(keluaran):
    cap = {(r["opd"], r["indikator"], r["tahun"], r["periode"]): r for r in json_rows(keluaran, "capaian")}
    r = cap[("dinas-kesehatan", "IKU-1", 2023, "tahunan")]
    assert r["target"] == 75 and r["realisasi"] == 60
    assert r["capaian"] == Decimal("125.00")
    assert r["pertumbuhan"] == Decimal("-33.33")
    assert r["predikat"] == "Sangat Baik" and r["kategori"] == "melebihi target"
    k = cap[("dinas-kesehatan", "IKU-2", 2023, "tahunan")]
    assert (k["target"], k["realisasi"]) == ("BB", "A")  # category codes stay text
    assert k["pertumbuhan"] is None
    e = cap[("dinas-kesehatan", "IKU-1", 2022, "tahunan")]
    assert e["jenis_target"] is None and e["target"] is None and e["capaian"] is None
    ang = json_rows(keluaran, "anggaran")
    assert ang[0] == {
        "opd": "bakeuda", "elemen": "bakeuda", "jenis": "opd", "tahun": 2023, "pagu": 10250000000,
        "realisasi": 9850000000, "serapan": Decimal("96.10"), "sisa": 400000000,
    }


def test_json_teks_persis(keluaran):
    text = (keluaran / "unduh" / "ringkasan.json").read_text(encoding="utf-8")
    assert text.splitlines()[1] == (
        '  {"opd": "bakeuda", "tahun": 2023, "jumlah_indikator": 2, "rata_rata_capaian": 93.75, '
        '"predikat": "Sangat Baik", "melebihi": 0, "memenuhi": 1, "belum": 1, "serapan": 96.10},'
    )
    eff = (keluaran / "unduh" / "efisiensi.json").read_text(encoding="utf-8").splitlines()
    assert eff[1] == '  {"opd": "bakeuda", "sasaran": "sa", "tahun": 2023, "capaian": 93.75, "serapan": 96.10, "efisiensi": -2.35},'


def test_ekspor_per_opd(keluaran):
    lines = (keluaran / "unduh" / "bakeuda" / "ringkasan.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [HEADER["ringkasan"], "bakeuda,2023,2,93.75,Sangat Baik,0,1,1,96.10", "bakeuda,2024,2,0.00,Kurang,0,0,1,"]
    per = json_rows(keluaran, "capaian", "unduh/dinas-kesehatan/")
    assert len(per) == 16 and {r["opd"] for r in per} == {"dinas-kesehatan"}


# ---------------------------------------------------------------- the same directory, broken


def test_angka_rusak_dilaporkan_dengan_berkas_baris_kolom(run_cli, fixture_dir, tmp_path):
    """One malformed amount (S000 L812's "56.642.0000") in the semicolon anggaran.csv:
    `check` names file, line and column in Indonesian and exits 1; `generate` writes nothing."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(fixture_dir("kota-lain"), data)
    path = data / "opd" / "dinas-kesehatan" / "anggaran.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith("SK2;2023;2.000.000;")
    lines[3] = "SK2;2023;56.642.0000;1.500.000;DAU"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run_cli("check", "--data", data)
    assert code == 1
    assert "anggaran.csv:4: pagu: '56.642.0000' bukan angka yang sah" in err
    assert "Traceback" not in err
    out = tmp_path / "out"
    code, err = run_cli("generate", "--data", data, "--out", out)
    assert code == 1
    assert "Tidak ada yang ditulis" in err
    assert not (out / "unduh" / "capaian.csv").exists()


def test_pesan_masalah_mengikuti_sys_stderr(fixture_dir, tmp_path):
    import contextlib
    import shutil

    from generator import cli

    data = tmp_path / "data"
    shutil.copytree(fixture_dir("kota-lain"), data)
    (data / "opd" / "bakeuda" / "target.csv").write_text(
        "indikator,tahun,jenis,periode,nilai\ngaji,2023,,,12a\n", encoding="utf-8"
    )
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert cli.main(["check", "--data", str(data)]) == 1
    assert "target.csv:2: nilai: '12a' bukan angka yang sah" in err.getvalue()
