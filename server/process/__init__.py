"""Process entry points: the gRPC server (app), the MTS WebSocket server, Envoy, and the supervisor of `pitboss up`."""
