"""The back office: what internal callers (staff tools, `pitboss admin`) may
read and change, every change audited."""
