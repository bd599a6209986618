"""SQLModel tables, one module per partner family. The domain layer reaches
them only through the repositories in ``server.storage.repositories``.

Conventions: timestamps are timezone-aware UTC (``UtcDateTime``); money is
``Money`` (exact decimal, six places, stored as integer micro-units); secrets
are stored encrypted (``*_enc``, Fernet) and, where they must be matched, as
keyed hashes (``*_hmac``); only masks or last-four digits are stored in clear.

A new family adds its module and one import line here (the import registers
its tables with SQLModel.metadata for Alembic).
"""

from server.storage.models.gateway import GatewayBrand, GatewayChallenge, GatewayCustomField, GatewayLink, GatewayLoginGuard, GatewayOutbox, GatewayPlayer, GatewayPlayerDetails, GatewayRegisterEvent, GatewaySession, GatewayVerificationNonce  # noqa: F401
from server.storage.models.service import Meta
from server.storage.models.journey import AuditLogEntry, GameCatalogueEntry, GameLaunchTemplate, GameSessionLaunch, VipOperatorWallet, WalletMovement  # noqa: F401
from server.storage.models.mts import MtsAccessToken, MtsClient, MtsOperator, MtsReport, MtsSession  # noqa: F401
from server.storage.models.pam import PamAccount, PamApiClient, PamGame, PamLedgerEntry, PamPlayer, PamProvider, PamRound, PamSession, PamTransaction  # noqa: F401
from server.storage.models.vip import VipBankAccount, VipOperator, VipPatron
from server.storage.models.vip import VipCardGuard, VipOutbox, VipSession, VipTransaction

__all__ = ["Meta", "VipBankAccount", "VipOperator", "VipPatron",
           "VipCardGuard", "VipOutbox", "VipSession", "VipTransaction"]
from server.storage.models.events import SignificantEvent  # noqa: F401
from server.storage.models.protection import ProtectionEvent, ProtectionLimit, ProtectionState, ProtectionUsage  # noqa: F401
from server.storage.models.records import AuditChainHead, LedgerAnchor  # noqa: F401
