"""desk: see the README's architecture table."""
