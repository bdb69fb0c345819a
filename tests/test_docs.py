"""The README cannot drift from the code: every command it gives exists."""

import re
from pathlib import Path

from generator import cli, contract

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_and_ci_runs_make_test():
    assert "make site" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_make_target_in_the_readme_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, flags=re.M))
    named = set(re.findall(r"`make ([a-z]+)`", README))
    assert named == {"site", "test", "serve", "bench"}
    assert named <= targets


def test_every_kinerja_command_in_the_readme_exists_with_its_options():
    sub = next(a for a in cli.parser()._actions if a.dest == "command")
    for line in re.findall(r"`kinerja ([^`]+)`", README):
        words = line.split()
        assert words[0] in sub.choices, line
        options = {o for a in sub.choices[words[0]]._actions for o in a.option_strings}
        for word in words[1:]:
            if word.startswith("--"):
                assert word in options, line


def test_readme_names_every_file_of_the_contract():
    for spec in contract.BERKAS_OPD:
        assert spec.nama in README, spec.nama
    for name in ("pemda.yaml", "skala.yaml", "opd.yaml", "narasi/<tahun>.md"):
        assert name in README, name
