"""Migration 0013_jurisdiction on both backends: existing players get their
jurisdiction from the country of their personal details as it is then, and
their PAM wallet takes the same country; brands keep the vendor's behaviour
(no password for email and phone changes, a phone change verified by SMS only
for players with 2FA)."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from server.storage.migrate import alembic_config, pending_model_changes, upgrade

pytestmark = pytest.mark.storage


def test_existing_players_get_their_current_country(db_url):
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(engine, conn), "0009_protection")
        now = "2026-01-01 00:00:00"
        with engine.begin() as c:
            c.execute(text("INSERT INTO gateway_brand (id, name, currency, fraud_domains, backoffice_url, created_at)"
                           " VALUES (1, 'One', 'EUR', '', '', :t)"), {"t": now})
            for pid, name in ((501, "edited"), (502, "stepone")):
                c.execute(text(
                    "INSERT INTO gateway_player (id, brand_id, user_name, user_name_key, email, email_key,"
                    " email_verified, password_hash, password_change_required, registration_complete, language,"
                    " currency, btag, bonus_code, is_2fa_required, test_account, reality_check_period, vip_level,"
                    " vip_level_name, vip_segment, marketing_segmentation, segmentation_id, tag_status, user_type,"
                    " decline, billboard, bonus_opt_out, free_traffic, real_balance, bonus_balance, max_balance,"
                    " pending_withdrawal, total_withdrawals, deposit_count, deposits_amount, last_deposit_amount,"
                    " wagering_balance, max_win, wagering_complete, created_at) VALUES (:id, 1, :n, :n, :e, :e,"
                    " :f, 'x', :f, :t, 'en', 'EUR', '', '', :f, :f, 'no_limit', 1, 'Bronze', 1, '', 0, 0, 1, '0',"
                    " '', :f, :f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', :at)"),
                    {"id": pid, "n": name, "e": f"{name}@example.com", "f": False, "t": pid == 501, "at": now})
            # Registered in the US, edited to MT before this migration: MT is what there is.
            c.execute(text(
                "INSERT INTO gateway_player_details (player_id, first_name, last_name, gender, country, city, address,"
                " zip_postal_code, phone, opt_out_chat, opt_out_sms, opt_out_email, opt_out_phone,"
                " mobile_verification_status, mobile_verification_by, pending_mobile_number, last_comment,"
                " last_operator, updated_at) VALUES (501, 'A', 'B', 'F', 'MT', '', '', '', '', :f, :f, :f, :f, 0, '',"
                " '', '', '', :at)"), {"f": False, "at": now})
            for pid in ("501", "73619e57b3bc4b4e9014132be3bd12a9"):
                c.execute(text("INSERT INTO pam_player (id, currency, country, language, blocked, created_at)"
                               " VALUES (:id, 'EUR', 'US', 'en', :f, :at)"), {"id": pid, "f": False, "at": now})
        upgrade(engine)
        with engine.connect() as c:
            got = dict(c.execute(text("SELECT id, jurisdiction FROM gateway_player")).fetchall())
            assert got == {501: "MT", 502: ""}
            pending = c.execute(text("SELECT pending_jurisdiction, jurisdiction_requested_at FROM gateway_player"))
            assert set(pending.fetchall()) == {("", None)}
            wallets = dict(c.execute(text("SELECT id, country FROM pam_player")).fetchall())
            assert wallets == {"501": "MT", "73619e57b3bc4b4e9014132be3bd12a9": "US"}  # a PAM-only player keeps hers
            brands = c.execute(text("SELECT contact_change_reauth, phone_verification FROM gateway_brand")).fetchall()
            assert [tuple(map(bool, b)) for b in brands] == [(False, False)]
        assert pending_model_changes(engine) == []
    finally:
        engine.dispose()
