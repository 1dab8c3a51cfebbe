import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden .expected files from current output")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def bbc_corpus():
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC} (set NEWSLINT_SHARED to the shared folder)")
    return BBC
