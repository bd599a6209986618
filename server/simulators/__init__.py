"""Simulators of the outside services a licence needs (docs/compliance.md,
"Licence gates"): real HTTP servers speaking the documented protocol, for
the demo and the tests. None of them is a production component.

One module per simulator, each with ``serve(host, port, settings)`` (blocks,
serving HTTP until stopped) and ``main(argv)`` (``python -m
server.simulators.<name> --port N``). ``SIMULATORS`` lists them: in demo
mode ``pitboss up`` starts each as a child process on a free loopback port
(a setting ``<name>_simulator_port``, where there is one, pins it) and points the demo brand at it
(``server.demo.simulators``). A new simulator adds a module and one line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Simulator:
    name: str  # the setting <name>_simulator_port; the demo brand's setting it feeds
    module: str  # run as ``python -m <module> --host H --port P``
    path: str  # where requests go, appended to http://host:port


SIMULATORS: list[Simulator] = [
    Simulator("verification", "server.simulators.verification", "/verify"),
    Simulator("register", "server.simulators.register", "/v1/check"),
]
