"""Reading the UN Treaty Collection: the Secretary-General's status files, names and rules; syncing a ledger."""
