"""Player gateway demo records (demo.md): brands 1 and 2, `itamar1` (brand 1,
player 33003139, the personal details of seeds/004), `brand2player`, brand 3
(licence gates: verification required for deposits and play, the register
simulator's national register) and `brand3player` (verification status
none), and `secure1` (brand 1, 2FA on: every login waits for an SMS code)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import text
from sqlmodel import Session, select

from server.domain.gateway.passwords import hash_password
from server.security import Vault
from server.storage.models import GatewayBrand, GatewayCustomField, GatewayPlayer, GatewayPlayerDetails

DEMO_PASSWORD = "Secret123"
FRAUD_DOMAINS = "fraud-mail.test,mailinator.com"


def load_gateway(s: Session, vault: Vault) -> None:
    for brand_id, name in ((1, "Casino One"), (2, "Casino Two")):
        if s.get(GatewayBrand, brand_id) is None:
            s.add(GatewayBrand(id=brand_id, name=name, currency="EUR", fraud_domains=FRAUD_DOMAINS,
                               backoffice_url="https://cbo2.aaa.com/players/"))
    if s.get(GatewayBrand, 3) is None:
        # Licence gates (docs/compliance.md): its vendors are the verification
        # and national register simulators, pointed at by `pitboss up` at each
        # start in demo mode.
        s.add(GatewayBrand(id=3, name="Casino Three", currency="EUR", fraud_domains=FRAUD_DOMAINS,
                           backoffice_url="https://cbo2.aaa.com/players/", min_age=18,
                           verification_policy="deposits_and_play", register_vendor="simulator"))
    s.flush()
    signed = datetime(2022, 1, 1, tzinfo=timezone.utc)

    def player(brand_id: int, user: str, email: str, **kw) -> GatewayPlayer | None:
        q = select(GatewayPlayer).where(GatewayPlayer.brand_id == brand_id, GatewayPlayer.user_name_key == user.lower())
        if s.exec(q).first() is not None:
            return None
        p = GatewayPlayer(brand_id=brand_id, user_name=user, user_name_key=user.lower(), email=email,
                          email_key=email.lower(), email_verified=True, password_hash=hash_password(DEMO_PASSWORD),
                          registration_complete=True, tnc_signed_at=signed, privacy_signed_at=signed,
                          language="en", currency="EUR", **kw)
        s.add(p)
        s.flush()
        return p

    # seeds/004: the personal details, online status and player info examples.
    p = player(
        1, "itamar1", "playermael@domain.com", id=33003139, btag="PQ4YXsO2q5kWqcfzu", vip_level=1,
        vip_level_name="Bronze", vip_segment=1, marketing_segmentation="10", segmentation_id=1, tag_status=100,
        user_type=1, decline="0", real_balance=Decimal("906.04"), bonus_balance=Decimal("30.0"),
        max_balance=Decimal("936.04"), pending_withdrawal=Decimal("44"), deposit_count=1,
        deposits_amount=Decimal("44"), last_deposit_amount=Decimal("44"),
        last_deposit_at=datetime(2022, 1, 1, 0, 0, 1, tzinfo=timezone.utc),
        last_bet_at=datetime(2022, 1, 1, 0, 0, 1, tzinfo=timezone.utc),
        wagering_balance=Decimal("1540.12"), max_win=Decimal("12.0"), reality_check_period="60_min",
        jurisdiction="AD",  # the country of the seed's details (docs/gateway.md, "Jurisdiction")
    )
    if p is not None:
        s.add(GatewayPlayerDetails(
            player_id=p.id, first_name="playerName", last_name="playerLastname", birthdate=date(1996, 11, 2),
            gender="F", country="AD", city="playerCity", address="playerAddress", zip_postal_code="1111",
            phone="376-111111", opt_out_email=True, opt_out_phone=True, mobile_verification_status=0,
            mobile_verification_at=datetime(2022, 1, 1, tzinfo=timezone.utc), mobile_verification_by="system",
            pending_mobile_number="555-111111",
        ))
        s.add(GatewayCustomField(player_id=p.id, kind="str", field_id="1", name="favouriteGame", str_value="blackjack"))
        s.add(GatewayCustomField(player_id=p.id, kind="int", field_id="2", name="loyaltyPoints", int_value=0))
    if s.bind.dialect.name == "postgresql":
        # Explicit ids do not move PostgreSQL's sequence: new players follow the demo ones.
        s.execute(text("SELECT setval(pg_get_serial_sequence('gateway_player', 'id'), "
                       "(SELECT MAX(id) FROM gateway_player))"))
    p2 = player(2, "brand2player", "player2@domain.com", btag="B2DEMO", real_balance=Decimal("50.00"),
                jurisdiction="MT")
    if p2 is not None:
        s.add(GatewayPlayerDetails(
            player_id=p2.id, first_name="Brand", last_name="Two", birthdate=date(1990, 5, 5), gender="M",
            country="MT", city="Valletta", address="1 Demo Street", zip_postal_code="VLT1000", phone="356-2222222",
        ))
    p3 = player(3, "brand3player", "player3@domain.com", btag="B3DEMO", jurisdiction="GB")
    if p3 is not None:
        s.add(GatewayPlayerDetails(
            player_id=p3.id, first_name="Brand", last_name="Three", birthdate=date(1990, 5, 5), gender="F",
            country="GB", city="London", address="3 Demo Street", zip_postal_code="EC1A 1AA", phone="44-7700900333",
        ))
    # 2FA on (is2faRequired): the docs' 2FA sequence (docs/gateway.md).
    p4 = player(1, "secure1", "secure1@domain.com", btag="2FADEMO", jurisdiction="MT", is_2fa_required=True)
    if p4 is not None:
        s.add(GatewayPlayerDetails(
            player_id=p4.id, first_name="Sec", last_name="Ure", birthdate=date(1991, 6, 6), gender="F",
            country="MT", city="Valletta", address="2 Demo Street", zip_postal_code="VLT1000", phone="356-3333333",
        ))
