"""The wheel carries every subpackage and the wizard step files, whatever the install mode."""

import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    source = ROOT / "cognito_tui"
    if not source.is_dir():
        pytest.skip("runs from a source checkout")
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in source.rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert "cognito_tui.wizards_data" in listed


def test_wizard_steps_are_importable_as_package_data():
    from importlib.resources import files

    import cognito_tui

    if Path(cognito_tui.__file__).resolve().parent == ROOT / "cognito_tui":
        pytest.skip("cognito_tui is imported from the source tree, not an install (CI tests the install)")

    names = [p.name for p in files("cognito_tui.wizards_data").iterdir() if p.name.endswith(".yaml")]
    assert "connect_user_pools.yaml" in names


def test_tcss_files_ship_next_to_their_screens():
    import cognito_tui.tui as tui

    assert list(Path(tui.__file__).parent.glob("*.tcss")), sys.path
