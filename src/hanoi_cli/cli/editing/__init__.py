"""The commands that write a ledger file: ``record``, ``fmt``, ``sync`` and ``new`` (each through the edit
transaction of ``core.commands``)."""
