"""The ledger format: what a ledger holds, its dates, names and problems."""
