"""Test-wide set-up: Qt offscreen, and a private data folder per test session so no test
touches the user's real database or log."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HLHDESK_DATA_DIR", tempfile.mkdtemp(prefix="hlhdesk-test-data-"))
