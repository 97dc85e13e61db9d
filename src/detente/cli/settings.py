"""``detente settings``: the tuning constants in force, and where they came from."""

from __future__ import annotations

from detente.cli.app import app
from detente.cli.common import out, shown


@app.command("settings")
def show_settings() -> None:
    """Print the settings in force as a TOML file (copy it, edit it, and name it in
    DETENTE_SETTINGS to change them)."""
    from detente.settings import ENVIRONMENT_VARIABLE, as_toml, settings, settings_file

    source = settings_file()
    origin = f"from {source} ({ENVIRONMENT_VARIABLE})" if source else (
        f"the defaults ({ENVIRONMENT_VARIABLE} names no file)")
    out.print(f"# detente settings in force: {shown(origin)}", highlight=False, soft_wrap=True)
    out.print(as_toml(settings()), markup=False, highlight=False, soft_wrap=True)
