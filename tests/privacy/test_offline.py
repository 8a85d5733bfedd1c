"""The suite-wide network guard really refuses the network (and only the network)."""

from __future__ import annotations

import socket

import pytest

from tests import no_network


def test_a_network_connection_is_refused_and_noted():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(no_network.NetworkAccessError, match="network access during tests"):
            sock.connect(("127.0.0.1", 9))
        with pytest.raises(no_network.NetworkAccessError):
            sock.bind(("0.0.0.0", 0))
    finally:
        sock.close()
    assert len(no_network.attempts) == 2  # the per-test check would fail this test...
    no_network.attempts.clear()  # ...so the attempts this test made on purpose are forgotten


def test_code_that_swallows_the_error_still_fails_its_test():
    def careless_update_check():
        try:
            socket.create_connection(("updates.example.org", 443), timeout=0.1)
        except Exception:  # noqa: BLE001 - the kind of code the guard must still catch
            return None

    careless_update_check()
    assert no_network.attempts  # so fail_a_test_that_tried_the_network would fail it
    no_network.attempts.clear()


def test_local_unix_sockets_still_work():
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
    assert no_network.attempts == []
