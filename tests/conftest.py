"""Shared helpers: run the command line in-process, and find fixture data directories."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from generator import cli

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def run_cli():
    """Call `kinerja ARGV...` in-process; returns (exit status, stderr text)."""

    def run(*argv: str) -> tuple[int, str]:
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = cli.main([str(a) for a in argv])
        return code, err.getvalue()

    return run


@pytest.fixture
def fixture_dir():
    """Path of a data directory under tests/fixtures/ (fails loudly when absent)."""

    def path(name: str) -> Path:
        p = FIXTURES / name
        assert p.is_dir(), f"fixture {name} missing at {p}"
        return p

    return path
