"""Casino-sessions report demo records: operator 1, its bearer token and its
OAuth2 client for the WebSocket binding."""

from __future__ import annotations

from sqlmodel import Session

from server.domain.mts.oauth import hash_secret
from server.security import Vault, hash_token
from server.storage.models import MtsClient, MtsOperator

MTS_DEMO_OPERATOR_ID = 1
MTS_DEMO_TOKEN = "mts-demo-token"
MTS_DEMO_CLIENT_ID = "mts-demo-client"
MTS_DEMO_CLIENT_SECRET = "mts-demo-secret"
MTS_DEMO_AUDIENCE = "mbs-dp-non-prod-wss"


def load_mts(s: Session, vault: Vault) -> None:  # vault unused: secrets are hashed, not encrypted
    if s.get(MtsOperator, MTS_DEMO_OPERATOR_ID) is None:
        s.add(MtsOperator(id=MTS_DEMO_OPERATOR_ID, name="Operator 1", token_hash=hash_token(MTS_DEMO_TOKEN)))
        s.flush()
    if s.get(MtsClient, MTS_DEMO_CLIENT_ID) is None:
        s.add(MtsClient(client_id=MTS_DEMO_CLIENT_ID, operator_id=MTS_DEMO_OPERATOR_ID,
                        secret_hash=hash_secret(MTS_DEMO_CLIENT_SECRET), audience=MTS_DEMO_AUDIENCE))
