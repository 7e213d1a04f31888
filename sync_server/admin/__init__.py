"""Administration for a partner's admins: users, devices (revoke = remote wipe), the audit log."""
