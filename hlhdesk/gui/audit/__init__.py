"""Tools > Service audit: the audit window and its plots."""
