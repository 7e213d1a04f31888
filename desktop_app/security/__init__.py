"""Key generation, Argon2id key wrapping and where the wrapped key and access token are kept."""
