"""VIP Connect: operators, patrons, account inquiry and patron sessions."""
