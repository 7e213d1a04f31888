"""Modal dialogs: enrolment, unlock, re-login, rejected changes, events."""
