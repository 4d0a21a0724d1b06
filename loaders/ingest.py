"""Files into a store: each file's triples replace its own named graph in one transaction."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fazhi.graph.errors import FazhiError, LoadError
from fazhi.graph.store import Store
from fazhi.loaders.pipeline import Loaded, expand_paths, load_file


@dataclass
class Outcome:
    path: Path
    loaded: Loaded | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.loaded is not None


def ingest_one(store: Store, path: Path) -> Outcome:
    """Read one file and replace its graph; a file that fails leaves the store as it was."""
    try:
        loaded = load_file(path)
        store.replace_graph(loaded.graph, loaded.triples)
        return Outcome(path, loaded)
    except LoadError as e:
        return Outcome(path, error=e.reason)
    except FazhiError as e:
        return Outcome(path, error=str(e))


def ingest(store: Store, paths) -> list[Outcome]:
    """Ingest files and folders; one Outcome per file, in order. Never raises for a bad file."""
    files = expand_paths(paths)
    missing = [Outcome(Path(p), error="no such file or folder") for p in paths if not Path(p).exists()]
    outcomes = [ingest_one(store, f) for f in files if f.exists()]
    return missing + outcomes
