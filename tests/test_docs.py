"""Docs cannot drift: every CLI command appears in the README with its help text."""
from pathlib import Path

import click

from sayso.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


def test_every_command_is_documented_in_the_readme():
    for path, cmd in _commands(main):
        assert cmd.help, f"sayso {' '.join(path)} has no help text"
        assert f"sayso {' '.join(path)}" in README, f"`sayso {' '.join(path)}` missing from README"


def test_readme_gives_the_two_commands():
    assert "make demo" in README and "make test" in README
