"""hlhdesk works offline and must never touch the network. During the test suite any
name lookup of another host, and any socket connect, bind or send on a socket that is
not a local (AF_UNIX) one, is refused and fails the test that tried, even if the code under test swallowed the error.

AF_UNIX stays open because multiprocessing (the crash and concurrency tests) and Qt's
own plumbing use it on one machine.
"""

from __future__ import annotations

import socket

import pytest


class NetworkAccessError(AssertionError):
    """Raised in place of a network call. An AssertionError, so `except OSError` in the
    code under test cannot quietly swallow it."""


attempts: list[str] = []
_originals: dict[str, object] = {}
GUARDED = ("connect", "connect_ex", "bind", "sendto")


def _guard(name: str):
    original = getattr(socket.socket, name)

    def guarded(self, *args, **kwargs):
        if self.family != getattr(socket, "AF_UNIX", object()):
            attempt = f"socket.{name}{args[:1]!r} (family {self.family!r})"
            attempts.append(attempt)
            raise NetworkAccessError(f"network access during tests: {attempt}")
        return original(self, *args, **kwargs)

    return original, guarded


LOCAL_HOSTS = (None, "", "localhost", "127.0.0.1", "::1")
_original_getaddrinfo = socket.getaddrinfo


def _guarded_getaddrinfo(host, *args, **kwargs):
    """A name lookup is network traffic too (DNS), before any connect."""
    if host not in LOCAL_HOSTS:
        attempt = f"socket.getaddrinfo({host!r})"
        attempts.append(attempt)
        raise NetworkAccessError(f"network access during tests: {attempt}")
    return _original_getaddrinfo(host, *args, **kwargs)


def install() -> None:
    for name in GUARDED:
        if name not in _originals:
            _originals[name], guarded = _guard(name)
            setattr(socket.socket, name, guarded)
    socket.getaddrinfo = _guarded_getaddrinfo


def uninstall() -> None:
    for name, original in _originals.items():
        setattr(socket.socket, name, original)
    _originals.clear()
    socket.getaddrinfo = _original_getaddrinfo


@pytest.fixture(autouse=True, scope="session")
def refuse_network_for_the_session():
    install()
    yield
    uninstall()


@pytest.fixture(autouse=True)
def fail_a_test_that_tried_the_network(refuse_network_for_the_session):
    attempts.clear()
    yield
    if attempts:
        tried = list(attempts)
        attempts.clear()
        pytest.fail(f"this test tried to use the network: {tried}", pytrace=False)
