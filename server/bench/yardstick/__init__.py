"""A yardstick for `pitboss bench`, never product code: the PAM calls the
bench drives (getBalance, addTransaction WITHDRAW and DEPOSIT) written the
plain way, FastAPI + SQLModel under uvicorn, one database transaction per
request. The bench runs it beside Pitboss on its own copy of the seeded
database and drives both with the same wrk script (server/bench/pam.lua).

Nothing in server/ outside server/bench imports it.
"""
