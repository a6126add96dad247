"""The depositary core is pure: importing it loads no CLI, terminal or network library."""

from __future__ import annotations

import subprocess
import sys

MODULES = ["text", "status_file", "names", "eif_rule", "fetch", "sync_plan", "new_ledger"]


def test_importing_the_depositary_core_loads_no_heavy_library() -> None:
    imports = "\n".join(f"import hanoi_cli.core.depositary.{name}" for name in MODULES)
    script = f"import sys\n{imports}\nprint('\\n'.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "hanoi_cli.core.depositary.fetch" in loaded
    for heavy in ("typer", "rich", "httpx", "defusedxml", "pycountry", "ruamel", "pydantic"):
        assert not any(name == heavy or name.startswith(heavy + ".") for name in loaded), heavy
