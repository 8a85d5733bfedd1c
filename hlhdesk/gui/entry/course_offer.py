"""When a new course of a drug is added while an earlier course of the same drug, name and
route is still open: ask whether the new one replaces it (a dose change) or is given
alongside it (rules.md "Treatment courses").

Asked, never assumed: "Yes" closes the earlier course when the new one starts, in the same
transaction (and the same undo step) as adding the new course; "No" records the new course
as given alongside, so the two add up. Without an answer the reading would treat a taper
left "ongoing" as a replacement anyway, but the chart should say what was meant.
"""

from __future__ import annotations

import dataclasses

from hlhdesk.app import case_edits
from hlhdesk.core.courses import course_key, written_end
from hlhdesk.core.wording import when
from hlhdesk.core.model import Treatment
from hlhdesk.core.units import format_number
from hlhdesk.gui.desk.commands import AddRecords
from hlhdesk.gui.kit import dialogs

TITLE = "Close the earlier course?"


def open_earlier_courses(treatments, new: Treatment) -> list[Treatment]:
    """Courses of the same drug, name and route started before `new` and still open then."""
    return [t for t in treatments
            if course_key(t) == course_key(new) and t.start < new.start
            and (written_end(t) is None or written_end(t) > new.start)]


def _course_words(t: Treatment) -> str:
    drug = (t.name or t.drug).capitalize()
    route = f" {t.route.upper() if t.route != 'oral' else 'oral'}" if t.route else ""
    dose = (f" {format_number(t.dose_mg)} mg every {format_number(t.every_hours)} h"
            if t.dose_mg is not None and t.every_hours else "")
    return f"{drug}{route}{dose} from {when(t.start)}"


def question(earlier: list[Treatment], new: Treatment) -> str:
    listed = "\n".join(_course_words(t) for t in earlier)
    still = "is still open" if len(earlier) == 1 else "are still open"
    return (f"{listed}\n{still}.\n\nThe new course: {_course_words(new)}.\n\n"
            f"Yes: close the earlier course at {when(new.start)} (a change of dose).\n"
            "No: keep both (given alongside: the doses add up).")


def settle(parent, treatments, new_courses) -> tuple[list[Treatment], list[tuple[Treatment, Treatment]]]:
    """Ask about each new course that finds an earlier one open (stored, or earlier in
    the same pasted block).

    Returns the courses to add (marked alongside where the answer was No; an earlier row
    of the block closed where it was Yes) and the stored courses to close, as (as
    stored, closed) pairs.
    """
    to_add: list[Treatment] = []
    closing: list[tuple[Treatment, Treatment]] = []
    for new in new_courses:
        stored = [t for t in treatments if all(t is not old for old, _ in closing)]
        earlier = open_earlier_courses([*stored, *to_add], new)
        if earlier and not new.alongside:
            if dialogs.confirm(parent, TITLE, question(earlier, new)):
                for t in earlier:
                    closed = dataclasses.replace(t, stop=new.start)
                    pasted = [i for i, row in enumerate(to_add) if row is t]
                    if pasted:
                        to_add[pasted[0]] = closed
                    else:
                        closing.append((t, closed))
            else:
                new = dataclasses.replace(new, alongside=True)
        to_add.append(new)
    return to_add, closing


class AddClosingEarlier(AddRecords):
    """Add courses and close the earlier courses they replace: one transaction, one undo."""

    def __init__(self, session, records, closing, text: str):
        super().__init__(session, records, text)
        self.closing = tuple(closing)

    def do(self, store) -> None:
        with store.transaction(self.text()):
            super().do(store)
            for _, closed in self.closing:
                case_edits.update_record(store, closed)

    def revert(self, store) -> None:
        with store.transaction(self.text()):
            super().revert(store)
            for stored, _ in self.closing:
                case_edits.update_record(store, stored)
