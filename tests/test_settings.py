"""Settings: defaults < SAYSO_* environment < explicit overrides; every setting documented."""
from pathlib import Path

from sayso.settings import HELP, Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_environment_then_flags_override_defaults(monkeypatch):
    monkeypatch.setenv("SAYSO_MAX_BYTES", "1234")
    monkeypatch.setenv("SAYSO_DB", "from-env.db")
    s = Settings.load(db="from-flag.db")
    assert s.max_bytes == 1234 and isinstance(s.max_bytes, int)
    assert s.db == "from-flag.db"
    assert Settings.load(max_bytes=None).max_bytes == 1234  # unset flags don't override


def test_every_setting_has_help_and_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name in Settings.__dataclass_fields__:
        assert HELP.get(name), f"setting {name} has no help text"
        assert f"SAYSO_{name.upper()}" in readme, f"SAYSO_{name.upper()} missing from README"
