"""uvicorn's HTTP protocol with ``TCP_NODELAY`` on every connection.

With ``--workers`` uvicorn binds the port itself (``socket.socket(family)``, protocol number 0)
and hands it to its worker processes; asyncio sets ``TCP_NODELAY`` only on sockets whose
protocol number says TCP, so connections accepted there keep Nagle's algorithm, which together
with the client's delayed ACKs held every keep-alive response for about 40 ms (measured by
``benchmarks/bench_serve.py load --workers 2``: p50 of every route 45-50 ms instead of 3-9 ms).
"""
from __future__ import annotations

import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


def no_delay(sock: socket.socket | None) -> None:
    """Send small writes at once on a TCP socket (no-op for other sockets)."""
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # a socket closed while being set up: the protocol reports it
            pass


class NoDelayH11(H11Protocol):
    """uvicorn's h11 protocol, the connection's socket set to ``TCP_NODELAY`` first."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        no_delay(transport.get_extra_info("socket"))
        super().connection_made(transport)
