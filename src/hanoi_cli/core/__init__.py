"""The pure core: the ledger format, reading, rules, payloads, editing and the depositary. Never imports typer or rich."""
