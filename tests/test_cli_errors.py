"""No traceback reaches a user: every command, given a bad option value or a bad setting, prints a
one-line message naming what was wrong and exits with a usage code (2) or a failure code (1)."""
import sqlite3

import click
import pytest
from click.testing import CliRunner

from sayso.cli import error_message, main
from sayso.errors import InputError, SettingsError
from sayso.settings import Settings


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name), cmd


COMMANDS = sorted(_commands(main))
IDS = [" ".join(path) for path, _ in COMMANDS]


def run(args, **env):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _bad_value(param: click.Parameter, tmp_path):
    """A value the option's type refuses, or None when any text is accepted."""
    t = param.type
    if isinstance(t, (click.types.IntParamType, click.types.FloatParamType)):
        return "abc"
    if isinstance(t, click.Choice):
        return "no-such-choice"
    if isinstance(t, click.Path):
        return "/no/such/path" if t.exists else (tmp_path if not t.dir_okay else None)
    return None


def _filler(cmd: click.Command) -> list[str]:
    """Placeholder values for required arguments and options, after the bad one on the line."""
    out = []
    for p in cmd.params:
        if p.required and isinstance(p, click.Option):
            out += [p.opts[0], "x"]
        elif p.required:
            out += ["x"]
    return out


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=IDS)
def test_a_bad_option_value_is_a_usage_error_naming_the_option(path, cmd, tmp_path):
    for p in cmd.params:
        if not isinstance(p, click.Option) or p.is_flag or p.count:
            continue
        bad = _bad_value(p, tmp_path)
        if bad is None:
            continue
        r = run([*path, p.opts[0], bad, *_filler(cmd)])
        assert r.exit_code == 2, (p.opts, r.output)
        assert f"Invalid value for '{p.opts[0]}'" in r.output or p.opts[0] in r.output, r.output
    r = run([*path, "--no-such-option", *_filler(cmd)])
    assert r.exit_code == 2 and "No such option '--no-such-option'" in r.output


INT_SETTINGS = [f.name for f in Settings.__dataclass_fields__.values() if f.type in ("int", int)]


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=IDS)
@pytest.mark.parametrize("setting", INT_SETTINGS)
def test_a_bad_setting_names_the_variable(path, cmd, setting):
    var = f"SAYSO_{setting.upper()}"
    r = run([*path, *_filler(cmd)], **{var: "abc"})
    assert r.exit_code == 2, r.output
    assert f"error: {var}: not an integer ('abc')" in r.output


def test_the_issue_examples(tmp_path):
    r = run(["speakers", "--type", "foo"])
    assert r.exit_code == 2 and "'foo' is not one of 'person'" in r.output
    r = run(["stats"], SAYSO_BATCH_SIZE="abc")
    assert (r.exit_code, r.output.strip()) == (2, "error: SAYSO_BATCH_SIZE: not an integer ('abc')")
    r = run(["stats"], SAYSO_CHUNK_CHARS="10")
    assert r.exit_code == 2 and "SAYSO_CHUNK_CHARS: must be at least 1000" in r.output


def test_a_file_that_is_not_a_database_is_a_clear_failure(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not sqlite at all")
    for cmd in (["stats"], ["quotes", "x"], ["speakers"], ["show", "1"]):
        r = run([*cmd, "--db", bad])
        assert r.exit_code == 1 and f"error: {bad}" in r.output, (cmd, r.output)


def test_errors_map_to_one_message_and_code():
    assert error_message(SettingsError("SAYSO_X", "bad")) == ("SAYSO_X: bad", 2)
    assert error_message(InputError("a.txt", "empty file")) == ("a.txt: empty file", 1)
    msg, code = error_message(FileNotFoundError(2, "No such file or directory", "/x/y"))
    assert (msg, code) == ("/x/y: No such file or directory", 1)
    msg, code = error_message(sqlite3.OperationalError("database is locked"))
    assert code == 1 and "database is locked" in msg
    msg, code = error_message(RuntimeError("boom"))
    assert code == 1 and "RuntimeError: boom" in msg and "-vv" in msg
