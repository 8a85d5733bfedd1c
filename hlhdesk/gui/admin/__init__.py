"""admin: see the README's architecture table."""
