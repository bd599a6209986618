"""Records a regulator can trust: the tamper-evident chains of the ledger and the audit log (``chain``), the significant events (``events``)."""
