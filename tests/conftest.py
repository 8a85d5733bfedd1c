"""Test-wide set-up: Qt offscreen, and a private data folder per test session so no test
touches the user's real database or log."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HLHDESK_DATA_DIR", tempfile.mkdtemp(prefix="hlhdesk-test-data-"))

# No network, ever: any non-local socket use fails the test (see tests/no_network.py).
from tests.no_network import fail_a_test_that_tried_the_network, refuse_network_for_the_session  # noqa: E402,F401
