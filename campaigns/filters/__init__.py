"""List filters of the campaigns pages, one module per page family (like forms/)."""
