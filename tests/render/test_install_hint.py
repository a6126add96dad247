"""The hint for the charts extra names a command that works for this installation (pipx, uv, a venv)."""

from __future__ import annotations

from hanoi_cli.render.chart_image import charts_install_hint


def test_a_pipx_installation_is_told_to_use_pipx() -> None:
    hint = charts_install_hint("/home/ann/.local/share/pipx/venvs/hanoi-cli", "/x/python")
    assert hint == "pipx install --force 'hanoi-cli[charts]'"


def test_a_uv_tool_installation_is_told_to_use_uv() -> None:
    hint = charts_install_hint("/home/ann/.local/share/uv/tools/hanoi-cli", "/x/python")
    assert hint == "uv tool install --force 'hanoi-cli[charts]'"


def test_elsewhere_this_interpreters_own_pip() -> None:
    hint = charts_install_hint("/work/.venv", "/work/my env/bin/python")
    assert hint == "'/work/my env/bin/python' -m pip install 'hanoi-cli[charts]'"
