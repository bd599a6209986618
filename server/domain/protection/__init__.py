"""Player protection (responsible gaming): limits, time-outs, self-exclusion
and the session-time limit. Rules in ``rules.py``; what it needs from storage
in ``ports.py``; every decision in docs/protection.md."""
