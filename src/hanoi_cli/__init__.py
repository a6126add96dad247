"""hanoi: ratification tracker and entry-into-force calculator for multilateral treaties."""

__version__ = "0.1.0"
