"""Reading the UN Treaty Collection: the Secretary-General's status files, their names and rules, and syncing a ledger."""
