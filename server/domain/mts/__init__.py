"""Casino-sessions reports (MTS ticket format 3.0, casino-sessions-inform)."""
