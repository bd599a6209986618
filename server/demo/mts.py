"""Casino-sessions report demo records: operator 1 and its bearer token."""

from __future__ import annotations

from sqlmodel import Session

from server.security import Vault, hash_token
from server.storage.models import MtsOperator

MTS_DEMO_OPERATOR_ID = 1
MTS_DEMO_TOKEN = "mts-demo-token"


def load_mts(s: Session, vault: Vault) -> None:  # noqa: ARG001 - tokens are hashed, not encrypted
    if s.get(MtsOperator, MTS_DEMO_OPERATOR_ID) is None:
        s.add(MtsOperator(id=MTS_DEMO_OPERATOR_ID, name="Operator 1", token_hash=hash_token(MTS_DEMO_TOKEN)))
