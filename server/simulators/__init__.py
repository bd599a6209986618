"""Simulators of the outside services a licence needs, each a real HTTP
server in a module of its own (``serve(host, port)``, runnable as ``python -m
server.simulators.<name> --port N``). In demo mode `pitboss up` starts every
one of ``SIMULATORS`` as a child process on the loopback, on the port its
setting names (docs/compliance.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from server.config import Settings


@dataclass(frozen=True)
class Simulator:
    name: str
    module: str
    port: Callable[[Settings], int]

    def command(self, python: str, settings: Settings) -> list[str]:
        return [python, "-m", self.module, "--host", "127.0.0.1", "--port", str(self.port(settings))]


SIMULATORS: list[Simulator] = [
    Simulator("register simulator", "server.simulators.register", lambda s: s.register_simulator_port),
]
