"""Who must prove the current password for an email or phone change
(server/domain/gateway/base.py ``contact_proof``): nobody by default, as the
vendor documents; everyone on a brand with ``contact_change_reauth``; and a
password that is sent is always checked."""

from __future__ import annotations

import pytest

from server.domain.errors import Violations
from server.domain.gateway.base import contact_proof
from server.domain.gateway.ports import Brand


@pytest.mark.parametrize("reauth, password_ok, codes", [
    (False, None, []),
    (False, True, []),
    (False, False, ["wrong_password"]),
    (True, None, ["password_required"]),
    (True, True, []),
    (True, False, ["wrong_password"]),
])
def test_contact_proof(reauth, password_ok, codes):
    v = Violations()
    contact_proof(v, Brand(1, "One", contact_change_reauth=reauth), password_ok, "changing the email address")
    assert [(x.field, x.code) for x in v.items] == [("password", c) for c in codes]


def test_brands_follow_the_vendor_by_default():
    assert Brand(1, "One").contact_change_reauth is False
