"""Records a regulator can trust: the tamper-evident chains of the ledger and
the audit log (``chain``), the significant events (``events``), and, read from
the PAM ledger alone, the daily report that reconciles (``report``) and the
player's statement (``statements``; storage through ``ports``)."""
