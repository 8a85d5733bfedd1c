"""Builders shared by the tests, in one place:

- `cases`: one-line observations, treatments and events, and a case from them (core tests)
- `desk_cases`: realistic synthetic cases and 999-range NHS numbers (desk, benchmarks)
- `stored_cases`: a full and a sparse case for store round trips
- `records`: a hand-made Evaluation, meeting, outcome and sign-off (report tests)
- `meetings`: a meeting with an agenda, an outcome, a sign-off, in a store
- `lab_files`: pathology CSV text and the cases it names
- `fake_engine`: a quick stand-in for the policy engine, for tests of what renders it
"""
