"""Statistics over every partner's records, aggregates only, with disclosure control."""
