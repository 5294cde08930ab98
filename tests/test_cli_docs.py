"""Every CLI command is documented: help text, an example, and a mention in the README."""

from __future__ import annotations

import click
import pytest

from linkprospector.cli.main import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += all_commands(command, f"{prefix}{name} ")
    return found


@pytest.mark.parametrize(("name", "command"), all_commands(cli))
def test_command_is_documented(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, name
    if not isinstance(command, click.Group):
        assert "Example:" in command.help, f"{name}: add an 'Example: ...' line to its help"
    assert f"linkprospector {name}" in README, f"README never shows `linkprospector {name}`"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts[0]} has no help"
