"""The demo records of a fresh `make run` (see the README's "Demo data").

``load`` fills an empty database and marks it as a demo database. On a
database it marked before, it adds any demo record that is missing (records
are keyed, nothing is overwritten). A database holding other data is left
alone unless ``force`` is given. Each partner family has its own module with
one loader; a new family adds one line to LOADERS.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import inspect, text
from sqlmodel import Session

from server.demo.mts import load_mts
from server.demo.pam import load_pam
from server.demo.gateway import load_gateway
from server.demo.journey import load_journey
from server.demo.vip import VIP_OPERATOR_KEYS, load_vip
from server.security import Vault
from server.storage.models import Meta

MARKER = "demo_loaded_at"

__all__ = ["LOADERS", "VIP_OPERATOR_KEYS", "load"]

# One loader per partner family; each adds only what is missing.
LOADERS: list[Callable[[Session, Vault], None]] = [load_vip, load_pam, load_mts, load_gateway, load_journey]


def _holds_data(s: Session) -> bool:
    # The migrations' own rows (the audit chain's empty head) are no data.
    names = [n for n in inspect(s.connection()).get_table_names() if n not in ("alembic_version", "audit_chain_head")]
    return any(s.execute(text(f'SELECT 1 FROM "{n}" LIMIT 1')).first() for n in names)


def load(db, vault: Vault, force: bool = False) -> str:
    with db.session(write=True) as s:
        marked = s.get(Meta, MARKER) is not None
        if not marked and _holds_data(s) and not force:
            return "the database holds other data; demo records not loaded (use --force to add them)"
        for loader in LOADERS:
            loader(s, vault)
        if not marked:
            s.add(Meta(key=MARKER, value=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        return "demo records present" if marked else "demo records loaded"
