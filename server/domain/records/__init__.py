"""Records a regulator can trust, read from the PAM ledger alone: the daily
report that reconciles (``report``) and the player's statement
(``statements``). Storage is reached through ``ports``."""
