"""The bundle build (marker `bundle`) takes a minute of both cores, so it runs only when
asked for: `pytest -m bundle tests/packaging` or HLHDESK_TEST_BUNDLE=1."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    asked = "bundle" in (config.getoption("markexpr") or "") or os.environ.get("HLHDESK_TEST_BUNDLE") == "1"
    if asked:
        return
    skip = pytest.mark.skip(reason="builds the PyInstaller bundle: run with -m bundle or HLHDESK_TEST_BUNDLE=1")
    for item in items:
        if "bundle" in item.keywords:
            item.add_marker(skip)
