"""app: see the README's architecture table."""
