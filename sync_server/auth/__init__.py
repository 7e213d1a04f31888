"""Users, partners, passwords, access tokens and login rate limiting."""
