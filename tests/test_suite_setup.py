"""The test run itself: under `make test` (pytest-xdist, --dist loadgroup) a test's xdist_group reaches the
scheduler, so a group (one browser, one filled server) runs on one worker."""
import os

import pytest


@pytest.mark.xdist_group("suite-setup")
def test_an_xdist_group_reaches_the_scheduler(request):
    """xdist sends a group to one worker by the ``@group`` its workers append to the test's id; with pytest 9
    (xdist 3.8) the id stayed as it was and every group was spread over every worker, setting up its browser
    or its servers once per worker (pyproject.toml keeps pytest below 9)."""
    if not (os.environ.get("PYTEST_XDIST_WORKER") and getattr(request.config.option, "loadgroup", False)):
        pytest.skip("not run by pytest-xdist with --dist loadgroup (make test does)")
    assert request.node.nodeid.endswith("@suite-setup"), request.node.nodeid
