"""Errors a user can act on. The CLI turns these into exit code 2 and a plain message;
the GUI into a dialog. Anything else is unexpected: logged, exit code 1, no traceback
shown to the user."""


class InputError(Exception):
    """Bad input from a user or a file: say what is wrong and where, store nothing."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = list(problems or [])
        super().__init__(message)

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  - {p}" for p in self.problems)
