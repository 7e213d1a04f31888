"""Device reports at each sync: audit ``viewed`` events and the device's unsent-change count."""
