"""Player gateway: login and registration, personal data, passwords,
consents and the online player (player-gateway.md, seeds/004)."""
