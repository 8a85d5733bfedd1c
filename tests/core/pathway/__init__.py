"""The pathway phase (rules.md "Pathway phase")."""
