"""The case under review: which case, as of when, its evaluation, and its undo history.

Views listen to `case_loaded` and `evaluated`; edits go through `execute()` so each is
one store transaction, undoable, and followed by a fresh evaluation. A fresh
evaluation "as of now" refreshes the store's case_status cache, which the case list
shows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from hlhdesk.errors import InputError
from hlhdesk.app.statuses import Evaluator, cache_evaluation, evaluate_case, status_fields
from hlhdesk.gui.desk.status_refresh import shown_status
from hlhdesk.gui.qt import QObject, QUndoGroup, QUndoStack, Signal
from hlhdesk.logs import get_logger


EVALUATIONS_KEPT = 20  # cases moved between in a meeting


def now_to_the_minute() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


class CaseSession(QObject):
    case_loaded = Signal(object)  # Case, or None when no case is open
    evaluated = Signal(object)  # Evaluation, or None
    status_changed = Signal(int, object)  # case_id, the status cache's fields (a dict)
    failed = Signal(str)  # a plain-words message for the user

    def __init__(self, evaluator: Evaluator = evaluate_case,
                 clock: Callable[[], datetime] = now_to_the_minute, parent=None):
        super().__init__(parent)
        self.evaluator = evaluator
        self.clock = clock
        self.store = None
        self.case_id: int | None = None
        self.case = None
        self.evaluation = None
        self.pathway = None  # where the case is on the pathway (core pathway_of)
        self.outcomes: tuple = ()  # the MDT's outcomes for the case, oldest first
        self.as_of: datetime | None = None  # None: "now", re-read at every evaluation
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self._cached_status: dict[int, tuple] = {}
        self._evaluations: dict[int, tuple] = {}  # case id -> (as of, case, evaluation)

    # -- opening -------------------------------------------------------------------------
    def set_store(self, store) -> None:
        for stack in self._stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
        self._cached_status.clear()
        self._evaluations.clear()
        self.store = store
        self.open_case(None)

    def remember_status(self, case_id: int, shown: tuple) -> None:
        """What the case list already shows (`shown_status`), so an unchanged status is
        not rewritten."""
        self._cached_status[case_id] = shown

    def open_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        if case_id is None:
            self.case = self.evaluation = self.pathway = None
            self.outcomes = ()
            self.undo_group.setActiveStack(None)
            self.case_loaded.emit(None)
            self.evaluated.emit(None)
            return
        if case_id not in self._stacks:
            stack = QUndoStack(self)
            self._stacks[case_id] = stack
            self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(self._stacks[case_id])
        self.reload()

    def reload(self) -> None:
        if self.case_id is None or self.store is None:
            return
        try:
            self.case = self.store.load_case(self.case_id)
            self.outcomes = self._load_outcomes()
        except Exception as exc:  # noqa: BLE001 - re-raised unless the file is still being checked
            if not self._checking:
                raise
            # Before its opening check has passed a damaged file can fail any read: the
            # check's refusal says what is wrong; the case opens once the check has passed.
            get_logger().info("case %s waits for the opening check: %s", self.case_id, type(exc).__name__)
            self.case = self.evaluation = self.pathway = None
            self.case_loaded.emit(None)
            self.evaluated.emit(None)
            return
        self.case_loaded.emit(self.case)
        self.evaluate()

    @property
    def effective_as_of(self) -> datetime:
        return self.as_of or self.clock()

    def set_as_of(self, as_of: datetime | None) -> None:
        self.as_of = as_of
        self.evaluate()

    def evaluate(self) -> None:
        if self.case is None:
            return
        try:
            self.evaluation = self._evaluate_or_reuse(self.case, self.effective_as_of)
        except InputError as exc:
            self.evaluation = None
            self.failed.emit(f"This case cannot be evaluated: {exc}")
        self.pathway = self._pathway_of(self.evaluation)
        if self.evaluation is not None and self.as_of is None:
            self._refresh_status_cache()
        self.evaluated.emit(self.evaluation)

    def _load_outcomes(self) -> tuple:
        """The case's MDT outcomes (each with its meeting's date), oldest first."""
        try:
            return tuple(self.store.outcomes_of_case(self.case_id))
        except InputError as exc:  # the case still shows; only its MDT record is missing
            get_logger().warning("case %s: outcomes not read: %s", self.case_id, exc)
            return ()

    def _pathway_of(self, evaluation):
        from hlhdesk.core.evaluation.pathway import pathway_of

        if evaluation is None:
            return None
        return pathway_of(evaluation, self.outcomes, evaluation.as_of)

    def _evaluate_or_reuse(self, case, as_of: datetime):
        """Evaluation is a pure function of (case, as of): moving back to a case seen
        a moment ago, unchanged, reuses its evaluation."""
        seen = self._evaluations.get(self.case_id)
        if seen is not None and seen[0] == as_of and seen[1] == case:
            return seen[2]
        evaluation = self.evaluator(case, as_of)
        self._evaluations[self.case_id] = (as_of, case, evaluation)
        if len(self._evaluations) > EVALUATIONS_KEPT:
            self._evaluations.pop(next(iter(self._evaluations)))
        return evaluation

    @property
    def _checking(self) -> bool:
        """The store refuses writes until its opening check has passed."""
        return bool(getattr(self.store, "writes_refused", None))

    def _refresh_status_cache(self) -> None:
        if self._checking:
            return  # written by the status refresh that follows the check, if still needed
        fields = status_fields(self.evaluation, self.outcomes)
        shown = shown_status(fields)
        if self._cached_status.get(self.case_id) == shown:
            return
        try:
            cache_evaluation(self.store, self.case_id, self.evaluation, self.outcomes)
        except InputError as exc:  # the cache is derived: failing to write it loses nothing
            get_logger().warning("case %s: status cache not written: %s", self.case_id, exc)
        self._cached_status[self.case_id] = shown
        self.status_changed.emit(self.case_id, fields)

    # -- editing -------------------------------------------------------------------------
    def execute(self, command) -> bool:
        """Carry out an edit and put it on the undo stack. False (and `failed`) if the
        store refused it; then nothing was saved and nothing was pushed."""
        if self.case_id is None:
            return False
        try:
            command.do(self.store)
        except InputError as exc:
            self.failed.emit(f"Not saved: {exc}")
            return False
        self._stacks[self.case_id].push(command)
        self._data_changed(self.case_id)
        self.reload()
        return True

    def _data_changed(self, case_id: int) -> None:
        """The case's data changed: its next status is written even if the words are the
        same, so the store does not call the status older than the data (status_stale,
        which makes the desk re-evaluate it and `hlhdesk list --json` flag it)."""
        self._cached_status.pop(case_id, None)

    def replay(self, command, action) -> None:
        """Undo or redo from the stack; the case it belongs to is shown afterwards."""
        try:
            action(self.store)
        except InputError as exc:
            self.failed.emit(f"Could not {command.text()}: {exc}")
            return
        self._data_changed(command.case_id)
        if command.case_id == self.case_id:
            self.reload()
        else:
            self.open_case(command.case_id)

    def undo_stack(self) -> QUndoStack | None:
        return self._stacks.get(self.case_id) if self.case_id is not None else None
