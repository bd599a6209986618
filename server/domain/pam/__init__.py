"""The PAM for the Valkyrie game aggregator: sessions, wallet, transactions
and game rounds as plain Python (no gRPC, no HTTP)."""
