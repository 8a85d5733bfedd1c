"""packaging/bundle_trim.py: the libraries left behind by dropped Qt plugins are found,
and no library that a kept file needs is ever among them."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from bundle_trim import library_name, orphan_libraries  # noqa: E402

# A made-up link graph shaped like the Linux bundle's: source path -> names it links.
LINKS = {
    "/src/libqgtk3.so": ["libgtk-3.so.0", "libcairo.so.2", "libglib-2.0.so.0"],
    "/src/libcairo.so.2": ["libpixman-1.so.0", "libpng16.so.16"],
    "/src/libpixman-1.so.0": [],
    "/src/libpng16.so.16": ["libz.so.1"],
    "/src/libz.so.1": [],
    "/src/libglib-2.0.so.0": ["libpcre2-8.so.0"],
    "/src/libpcre2-8.so.0": [],
    "/src/QtCore.abi3.so": ["libQt6Core.so.6"],  # the Python extension the desk imports
    "/src/libQt6Core.so.6": ["libglib-2.0.so.0", "libz.so.1"],
    "/src/libqtuiotouchplugin.so": ["libQt6Network.so.6"],
    "/src/libQt6Network.so.6": ["libQt6Core.so.6", "libgssapi_krb5.so.2"],
    "/src/libgssapi_krb5.so.2": [],
}


def imports_of(path):
    return LINKS[path]


def entry(name, kind="BINARY"):
    return (name, f"/src/{name.rsplit('/', 1)[-1]}", kind)


KEPT = [
    entry("PySide6/QtCore.abi3.so", kind="EXTENSION"), entry("PySide6/Qt/lib/libQt6Core.so.6"),
    entry("libglib-2.0.so.0"), entry("libpcre2-8.so.0"), entry("libz.so.1"),
    entry("libcairo.so.2"), entry("libpixman-1.so.0"), entry("libpng16.so.16"),
    entry("PySide6/Qt/lib/libQt6Network.so.6"), entry("libgssapi_krb5.so.2"),
]
DROPPED = [
    entry("PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
    entry("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so"),
]


def test_libraries_only_dropped_plugins_link_are_orphans():
    orphans = orphan_libraries(KEPT, DROPPED, imports_of)
    assert orphans == {
        "libcairo.so.2", "libpixman-1.so.0", "libpng16.so.16",  # the GTK theme's, through Cairo
        "libQt6Network.so.6", "libgssapi_krb5.so.2",               # TUIO's, through QtNetwork
    }


def test_a_library_a_kept_file_links_stays_even_through_a_chain():
    orphans = orphan_libraries(KEPT, DROPPED, imports_of)
    # GLib and zlib are linked by the dropped theme too, but QtCore needs them (and PCRE2 through GLib)
    assert not orphans & {"libglib-2.0.so.0", "libpcre2-8.so.0", "libz.so.1", "libQt6Core.so.6"}


def test_a_library_a_kept_extension_links_is_kept():
    kept = [*KEPT, entry("PySide6/QtNetwork.abi3.so")]
    links = {**LINKS, "/src/QtNetwork.abi3.so": ["libQt6Network.so.6"]}
    orphans = orphan_libraries(kept, DROPPED, lambda path: links[path])
    assert "libQt6Network.so.6" not in orphans
    assert "libgssapi_krb5.so.2" not in orphans
    assert "libcairo.so.2" in orphans


def test_what_only_dropped_files_reach_goes_even_if_it_looks_important():
    # QtNetwork links QtCore; without the kept extension nothing kept links QtCore either,
    # so it would be an orphan: the rule is the link graph, not the name.
    kept = [e for e in KEPT if e[0] != "PySide6/QtCore.abi3.so"]
    assert "libQt6Core.so.6" in orphan_libraries(kept, DROPPED, imports_of)


def test_nothing_dropped_means_no_orphans():
    assert orphan_libraries(KEPT, [], imports_of) == set()


def test_a_symlink_entry_shares_its_library_s_name_and_is_not_read():
    # On Linux the top-level libQt6Network.so.6 is a SYMLINK entry pointing into PySide6/Qt/lib;
    # its "source" is not a file, so reading its imports would fail.
    kept = [*KEPT, ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK")]
    orphans = orphan_libraries(kept, DROPPED, imports_of)
    assert "libQt6Network.so.6" in orphans


def test_windows_names_match_whatever_their_case():
    assert library_name("C:\\bundle\\PySide6\\Qt6Network.dll", windows=True) == "qt6network.dll"
    assert library_name("/bundle/libQt6Network.so.6", windows=False) == "libQt6Network.so.6"
