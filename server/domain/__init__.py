"""The domain: rules and errors as plain Python. No gRPC, no HTTP here."""
