"""What keeps a damaged, tampered-with or read-only database from being misread or
changed: read-only opening, the opening check (quick_check) and the newest good backup
to name when a file is refused. See docs/reliability.md."""
