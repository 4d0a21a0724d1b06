"""Shared fixtures: real on-disk Oxigraph stores in temp folders, the shared corpus (skipped when absent)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("FAZHI_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = CORPUS / "000_19011963f1b42800.txt"


def fazhi_exe() -> list[str]:
    """The installed console script, or the module when run outside the venv."""
    exe = Path(sys.executable).parent / "fazhi"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "fazhi.app.cli"]


def run_fazhi(*args, store: Path | None = None, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """Run the real `fazhi` command in a subprocess (as a user would)."""
    pre = ["--store", str(store)] if store is not None else []
    return subprocess.run([*fazhi_exe(), *pre, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          **kw)


@pytest.fixture
def store_dir(tmp_path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def disk_store(store_dir):
    from fazhi.graph.store import open_store

    s = open_store(f"oxigraph:{store_dir}")
    yield s
    s.close()


@pytest.fixture
def memory_store():
    from fazhi.graph.store import open_store

    return open_store("memory:")


@pytest.fixture(scope="session")
def seed_report() -> Path:
    if not SEED.exists():
        pytest.skip(f"shared corpus not available at {CORPUS}")
    return SEED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not available at {CORPUS}")
    return CORPUS


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


def has(cmd: str) -> bool:
    return shutil.which(cmd) is not None
