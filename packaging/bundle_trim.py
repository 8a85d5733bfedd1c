"""Which collected libraries a trimmed bundle no longer needs (used by hlhdesk.spec).

PyInstaller collects a Qt plugin together with every library it links. When the spec then
drops the plugin (the GTK 3 theme, the TUIO touch-input plugin), the libraries that came
only for it stay behind: Cairo, Pango and GDK for the theme, QtNetwork and Kerberos for
TUIO, ~17 MB on Linux. `orphan_libraries` finds them from the link-time imports alone, and
never names a library that a kept file links, directly or through other libraries.

Entries are PyInstaller TOC tuples (name in bundle, source path, kind). `imports_of(path)`
gives the names a binary links: PyInstaller's bindepend.get_imports reads ELF, PE and
Mach-O alike; the tests pass a made-up graph.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

Entry = tuple[str, str, str]
ImportsOf = Callable[[str], Iterable[str]]


def library_name(path_or_name: str, windows: bool = sys.platform == "win32") -> str:
    """The file name a loader matches on: Windows matches names whatever their case."""
    name = path_or_name.replace("\\", "/").rsplit("/", 1)[-1]
    return name.lower() if windows else name


def linked_libraries(entries: Iterable[Entry], by_name: dict[str, list[Entry]], imports_of: ImportsOf) -> set[str]:
    """The names of every bundled library the given binaries link, directly or through each
    other. A SYMLINK entry (a Linux library's second name) is followed to nothing itself."""
    found: set[str] = set()
    todo = [entry for entry in entries if entry[2] != "SYMLINK"]
    while todo:
        _dest, src, _kind = todo.pop()
        for name in imports_of(src):
            name = library_name(name)
            if name in by_name and name not in found:
                found.add(name)
                todo.extend(entry for entry in by_name[name] if entry[2] != "SYMLINK")
    return found


def orphan_libraries(kept: list[Entry], dropped: list[Entry], imports_of: ImportsOf) -> set[str]:
    """Names of the kept libraries that only dropped files link."""
    by_name: dict[str, list[Entry]] = {}
    for entry in [*kept, *dropped]:
        by_name.setdefault(library_name(entry[0]), []).append(entry)
    pulled_in = linked_libraries(dropped, by_name, imports_of)
    roots = [entry for entry in kept if library_name(entry[0]) not in pulled_in]
    return pulled_in - linked_libraries(roots, by_name, imports_of)
