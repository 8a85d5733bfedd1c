"""kit: see the README's architecture table."""
