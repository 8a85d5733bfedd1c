"""meetings: see the README's architecture table."""
