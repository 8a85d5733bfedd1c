"""packaging/smoke_test.py's checks of a built bundle's contents, on made-up bundles: the
200 MB limit on both sides, dropped parts and orphaned libraries coming back, broken links.
Sizes come from sparse files, so a '199.9 MB' bundle costs no disk."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from smoke_test import SIZE_LIMIT_MB, SmokeFailure, check_contents  # noqa: E402


def fake_bundle(tmp_path: Path, size_bytes: int) -> Path:
    bundle = tmp_path / "hlhdesk"
    (bundle / "_internal" / "hlhdesk" / "resources").mkdir(parents=True)
    with open(bundle / "_internal" / "payload.bin", "wb") as payload:
        payload.truncate(size_bytes)  # sparse: st_size without the blocks
    return bundle


def test_a_bundle_just_under_the_limit_passes_and_one_at_it_fails(tmp_path):
    limit = SIZE_LIMIT_MB * 1_000_000
    assert check_contents(fake_bundle(tmp_path / "under", limit - 1)) < SIZE_LIMIT_MB
    with pytest.raises(SmokeFailure, match="not under the 200 MB target"):
        check_contents(fake_bundle(tmp_path / "at", limit))


@pytest.mark.parametrize("name", ["libQt6Network.so.6", "Qt6Network.dll", "libcairo.so.2", "libcrypto-3.dll",
                                  "libqgtk3.so", "opengl32sw.dll"])
def test_a_dropped_part_or_orphaned_library_coming_back_fails(tmp_path, name):
    bundle = fake_bundle(tmp_path, 1000)
    (bundle / "_internal" / name).write_bytes(b"\x7fELF")
    with pytest.raises(SmokeFailure, match="should drop"):
        check_contents(bundle)


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_a_link_to_a_file_that_is_not_there_fails(tmp_path):
    bundle = fake_bundle(tmp_path, 1000)
    (bundle / "_internal" / "libgone.so.1").symlink_to("PySide6/Qt/lib/libgone.so.1")
    with pytest.raises(SmokeFailure, match="links to files that are not in the bundle"):
        check_contents(bundle)


def test_a_bundle_without_its_resources_fails(tmp_path):
    bundle = fake_bundle(tmp_path, 1000)
    (bundle / "_internal" / "hlhdesk" / "resources").rmdir()
    with pytest.raises(SmokeFailure, match="resources is missing"):
        check_contents(bundle)
