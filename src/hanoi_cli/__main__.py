"""Allow ``python -m hanoi_cli``."""

from hanoi_cli.cli.app import main

if __name__ == "__main__":
    main()
