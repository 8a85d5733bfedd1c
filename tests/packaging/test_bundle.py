"""Build the PyInstaller bundle from this checkout and smoke-test the built programs
(packaging/build.sh runs packaging/smoke_test.py on what it built)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bundle
def test_bundle_builds_and_passes_its_smoke_test(tmp_path):
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "DIST_DIR": str(tmp_path / "dist"),
        "WORK_DIR": str(tmp_path / "work"),
    }
    started = time.perf_counter()
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    took = time.perf_counter() - started
    print(result.stdout[-3000:], result.stderr[-3000:], f"build and smoke test took {took:.0f} s", sep="\n")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Smoke test passed." in result.stdout
    bundle = tmp_path / "dist" / "hlhdesk"
    assert (bundle / "_internal" / "hlhdesk" / "resources").is_dir()
    assert not (bundle / "_internal" / "PySide6" / "Qt" / "translations").exists()
