"""The unit of work (server/domain/unit.py, server/storage/unit.py): nothing
is written without ``commit``; an error rolls back; a ``Refusal`` commits,
then raises its error."""

from __future__ import annotations

import pytest

from server.domain.errors import NotFound
from server.domain.outcome import Refusal
from server.domain.unit import Units


class FakeUnit:
    """A unit of work that records what happened to it."""

    def __init__(self, log: list[str], write: bool) -> None:
        self.log, self.write = log, write

    def __enter__(self):
        self.log.append("begin write" if self.write else "begin read")
        return self

    def __exit__(self, *exc) -> None:
        self.log.append("end" if exc[0] is None else f"end after {exc[0].__name__}")

    def commit(self) -> None:
        self.log.append("commit")


def units(log: list[str]) -> Units[FakeUnit]:
    return Units(lambda write: FakeUnit(log, write))


def test_a_result_is_committed_and_returned():
    log: list[str] = []
    assert units(log).write(lambda uow: 42) == 42
    assert log == ["begin write", "commit", "end"]
    log.clear()
    assert units(log).read(lambda uow: "seen") == "seen"
    assert log == ["begin read", "commit", "end"]


def test_a_refusal_commits_then_raises_its_error():
    log: list[str] = []
    with pytest.raises(NotFound):
        units(log).write(lambda uow: Refusal(NotFound("counted, then refused")))
    assert log == ["begin write", "commit", "end"]


def test_an_error_rolls_back():
    log: list[str] = []

    def fails(uow):
        raise NotFound("nothing")

    with pytest.raises(NotFound):
        units(log).write(fails)
    assert log == ["begin write", "end after NotFound"]


@pytest.mark.parametrize("commit", [True, False])
def test_nothing_is_written_without_commit(app_factory, tmp_path, commit):
    from server.storage.repositories.backoffice import SqlBackofficeUnit

    app = app_factory(f"sqlite:///{tmp_path / 'pitboss.db'}")
    with SqlBackofficeUnit(app.db, write=True) as uow:
        uow.audit.append(client="t", actor="ann", action="test", subject_type="player", subject_id="1")
        if commit:
            uow.commit()
    with SqlBackofficeUnit(app.db) as uow:
        assert len(uow.audit.page("player", "1", None, 10)) == (1 if commit else 0)


def test_an_error_in_a_storage_unit_rolls_back(app_factory, tmp_path):
    from server.storage.repositories.backoffice import SqlBackofficeUnit

    app = app_factory(f"sqlite:///{tmp_path / 'pitboss.db'}")
    with pytest.raises(NotFound):
        with SqlBackofficeUnit(app.db, write=True) as uow:
            uow.audit.append(client="t", actor="ann", action="test", subject_type="player", subject_id="1")
            raise NotFound("after the change")
    with SqlBackofficeUnit(app.db) as uow:
        assert uow.audit.page("player", "1", None, 10) == []
