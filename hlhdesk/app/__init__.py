"""Every use case once, for the GUI and the CLI alike: see the README's architecture section."""
