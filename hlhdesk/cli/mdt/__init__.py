"""The MDT's commands: meetings (agenda, outcomes, sign-off) and their papers (`report`
for a case summary or outcome letter, `pack` for a meeting), written as PDFs."""
