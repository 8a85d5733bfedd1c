"""casefile: see the README's architecture table."""
