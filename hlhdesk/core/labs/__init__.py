"""labs: see the README's architecture table."""
