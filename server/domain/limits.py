"""How long each text a partner sends may be, as it is stored: one table for
the families' validation and for the tables' columns (``server/storage/models``
declare their lengths with these), so that what validation accepts, storage
holds on every backend. tests/e2e/test_column_limits.py stores the longest value
of each on SQLite and PostgreSQL and checks that one more is refused.

Lengths are in characters (PostgreSQL's VARCHAR counts characters) of the
text as stored: VIP stores names, street and city in capitals, so they are
measured after upper-casing ("ß" is "SS").
"""

from __future__ import annotations

# VIP Connect session calls (docs/vip.md, "Lengths").
VIP = {
    "patronId": 64, "transactionId": 64, "firstName": 64, "middleInitial": 1, "lastName": 64, "streetName": 128,
    "city": 64, "email": 254, "idNumber": 30, "returnUrl": 2048, "cancelRedirectUrl": 2048,
}

# Player gateway (docs/gateway.md, "Lengths"): registration, personal details,
# custom fields. The update's comment and operator are kept to their length.
GATEWAY = {
    "firstName": 64, "lastName": 64, "city": 64, "address": 128, "zipCode": 16, "btag": 64, "bonusCode": 64,
    "comment": 256, "operator": 64, "customFieldId": 64, "customFieldName": 128, "customFieldValue": 1024,
}

# PAM: the aggregator's ids (its document's maxLength). betCode has no
# maximum and is stored whole (docs/pam.md).
PAM_ID = 40

# MTS casino-sessions reports: ids and texts; end customer, device, shop and
# terminal ids (docs/mts.md).
MTS_ID = 128
MTS_END_CUSTOMER_ID = 36
