"""The `>>>` examples in the package's docstrings are true (STYLE: examples on pure helpers)."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["fazhi.ontology", "fazhi.graph", "fazhi.queries", "fazhi.loaders", "fazhi.app"]
SKIP = {"fazhi.app.streamlit_app"}  # a Streamlit script: importing it renders a page


def modules():
    for pkg_name in PACKAGES:
        pkg = importlib.import_module(pkg_name)
        yield pkg_name
        for info in pkgutil.walk_packages(pkg.__path__, pkg_name + "."):
            if info.name not in SKIP and not info.name.startswith("fazhi.app.page_"):
                yield info.name


@pytest.mark.parametrize("name", sorted(set(modules())))
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
