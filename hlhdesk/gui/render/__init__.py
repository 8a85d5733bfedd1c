"""render: see the README's architecture table."""
