"""Run the `hlhdesk` command in-process and capture what a user would see."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from hlhdesk.cli import main

DATA = Path(__file__).parent / "data"
DEMO_FIXTURE = DATA / "demo"  # a small stand-in for resources/demo
ADULT = DEMO_FIXTURE / "adult_stills.json"
CHILD = DEMO_FIXTURE / "child_ebv.json"


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """cli("list", db=path) -> Outcome(code, out, err)."""

    def run(*args, db: Path | None = None) -> Outcome:
        argv = (["--db", str(db)] if db is not None else []) + [str(a) for a in args]
        code = main(argv)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "cases.sqlite3"
