"""Money moved into or out of the PAM wallet by the platform itself: the
cashier (settled VIP Connect deposits and withdrawals of operators whose
wallet is this platform's) and the back office's credits and debits."""
