"""Reading ledgers: bytes to located problems or a validated Ledger, and which file to read."""
