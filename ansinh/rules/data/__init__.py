"""Package data of the rules engine: dated parameter tables (TOML) and province names (CSV)."""
