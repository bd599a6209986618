"""Metrics (Prometheus) and traces (OpenTelemetry): docs/observability.md."""
