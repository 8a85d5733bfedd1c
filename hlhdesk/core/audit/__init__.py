"""The service audit: one row per treatment episode, and compliance with the policy."""
