"""Team-lead workspaces: caseload review, conflicts, referrals, events."""
