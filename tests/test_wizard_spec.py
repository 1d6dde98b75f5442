"""wizards/*.yaml: every file loads strictly, every name resolves, and the layers stay apart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cognito_tui.wizard import load_all, load_wizard, parse_wizard
from cognito_tui.wizard.loader import WizardFileError
from cognito_tui.wizard.registry import ACTIONS, CHOICE_SOURCES, VALIDATORS, unresolved

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
version: 1
id: "w"
action: "apply_setup_plan"
steps:
  - id: "a"
    title: "A"
    help: "Help."
    fields:
      - name: "x"
        kind: "select"
        choices: "identity_pools"
"""


def test_every_wizard_file_loads_and_every_name_it_uses_is_registered():
    wizards = load_all()
    assert "connect-user-pools" in wizards
    for spec in wizards.values():
        assert unresolved(spec) == {}, spec.source
        names = spec.names
        assert names["validators"] <= set(VALIDATORS)
        assert names["choices"] <= set(CHOICE_SOURCES)
        assert names["actions"] <= set(ACTIONS)


def test_every_step_has_a_screen_and_the_fields_its_screen_reads():
    from cognito_tui.tui.screens import step_screens

    spec = load_wizard()
    screens = step_screens()
    assert [s.id for s in spec.steps] == ["identity_pool", "providers", "user_pool", "app_client",
                                           "add_another", "roles", "role", "review", "save"]
    for step in spec.steps:
        screen = screens[step.id]
        if getattr(screen, "FIELD", ""):
            assert step.field(screen.FIELD).kind == "select"
    assert spec.step("providers").next == {"add": "user_pool", "review": "roles"}
    assert {o.value for o in spec.step("roles").field("role").options} == {"keep", "create", "fix", "pick"}
    assert {o.value for o in spec.step("save").field("next").options} == {"sign_in", "write_plan", "quit"}


def test_the_guides_steps_keep_their_order_and_back_targets():
    spec = load_wizard()
    assert [s.id for s in spec.steps] == ["identity_pool", "providers", "user_pool", "app_client", "add_another",
                                          "roles", "role", "review", "save"]
    assert spec.step("app_client").back == "user_pool"
    assert spec.step("roles").back == "providers" and spec.step("review").back == "roles"
    assert spec.step("user_pool").field("user_pool_id").validators == (
        "user_pool_id_format", "user_pool_exists")


def test_the_shipped_files_quote_their_strings():
    """Plain (unquoted) scalars only where a boolean or number belongs: the YAML 1.1 trap."""
    import yaml

    plain_ok = {"version", "default", "allow_typed"}

    def walk(node, key=""):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, k.value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, key)
        elif node.style is None:
            assert key in plain_ok, f"line {node.start_mark.line + 1}: {key}: {node.value!r} is not quoted"

    for path in (ROOT / "wizards").glob("*.yaml"):
        walk(yaml.compose(path.read_text()))


@pytest.mark.parametrize("change, key", [
    (("    title: \"A\"", "    title: yes"), "steps[0].title"),
    (("    help: \"Help.\"", "    help: \"Help.\"\n    colour: \"red\""), "steps[0].colour"),
    (("        kind: \"select\"", "        kind: \"slider\""), "steps[0].fields[0].kind"),
    (("version: 1", "version: true"), "version"),
    (("        choices: \"identity_pools\"", "        allow_typed: true"), "steps[0].fields[0]"),
    (("  - id: \"a\"", "  - id: \"a\"\n    back: \"nowhere\""), "steps[0].back"),
    (("  - id: \"a\"", "  - id: \"a\"\n    next:\n      done: \"nowhere\""), "steps[0].next.done"),
    (("  - id: \"a\"", "  - id: \"a\"\n    next:\n      done: no"), "steps[0].next.done"),
    (("action: \"apply_setup_plan\"\n", ""), "action"),
])
def test_a_bad_wizard_file_is_refused_naming_the_file_and_key(change, key):
    old, new = change
    text = GOOD.replace(old, new)
    assert text != GOOD
    with pytest.raises(WizardFileError) as caught:
        parse_wizard(text, "broken.yaml")
    assert caught.value.message.startswith(f"broken.yaml: {key}:"), caught.value.message


def test_an_unknown_name_is_reported_by_kind():
    spec = parse_wizard(GOOD.replace('"identity_pools"', '"no_such_source"'), "w.yaml")
    assert unresolved(spec) == {"choices": {"no_such_source"}}


def _imports(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_importing_the_tui_app_does_not_import_boto3():
    out = _imports("import sys, cognito_tui.tui.app, cognito_tui.tui.launch, cognito_tui.tui.screens as s; "
                   "s.step_screens(); "
                   "print(sorted(m for m in ('boto3', 'botocore', 'pycognito', 'moto') if m in sys.modules))")
    assert out == "[]"


def test_the_wizard_core_does_not_import_textual():
    out = _imports("import sys, cognito_tui.wizard, cognito_tui.wizard.registry, cognito_tui.drafts; "
                   "print('textual' in sys.modules, 'boto3' in sys.modules)")
    assert out == "False False"
