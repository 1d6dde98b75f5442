"""Load wizards/*.yaml strictly: unknown keys, wrong types and missing keys name the file and key."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from .spec import FIELD_KINDS, FieldSpec, OptionSpec, StepSpec, WizardSpec

WIZARD_VERSION = 1
_TOP = {"version": int, "id": str, "action": str, "steps": list}
_TOP_REQUIRED = set(_TOP)
_STEP = {"id": str, "title": str, "help": str, "back": str, "next": dict, "fields": list}
_STEP_REQUIRED = {"id", "title", "help"}
_FIELD = {"name": str, "kind": str, "label": str, "placeholder": str, "choices": str, "options": list,
          "allow_typed": bool, "validators": list, "default": bool}
_FIELD_REQUIRED = {"name", "kind"}
_OPTION = {"value": str, "label": str}


class WizardFileError(InputError):
    title = "Invalid wizard file"


def wizard_files() -> list[Any]:
    """The wizards/*.yaml files: from the installed package, else the source checkout."""
    try:
        root = resources.files("cognito_tui.wizards_data")
        files = [f for f in root.iterdir() if f.name.endswith(".yaml")]
        if files:
            return sorted(files, key=lambda f: f.name)
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    folder = Path(__file__).resolve().parent.parent.parent / "wizards"
    return sorted(folder.glob("*.yaml"))


def load_all() -> dict[str, WizardSpec]:
    out: dict[str, WizardSpec] = {}
    for file in wizard_files():
        spec = parse_wizard(file.read_text(encoding="utf-8"), file.name)
        if spec.id in out:
            raise WizardFileError(f"{file.name}: id: wizard {spec.id!r} is defined twice.", "")
        out[spec.id] = spec
    if not out:
        raise WizardFileError("No wizard definitions found (wizards/*.yaml).", "Reinstall cognito-tui.")
    return out


def load_wizard(wizard_id: str = "connect-user-pools") -> WizardSpec:
    wizards = load_all()
    if wizard_id not in wizards:
        raise WizardFileError(f"No wizard {wizard_id!r}.", f"Known: {', '.join(sorted(wizards))}.")
    return wizards[wizard_id]


def parse_wizard(text: str, source: str = "<wizard>") -> WizardSpec:
    return _build(_yaml_data(text, source), source)


def _yaml_data(text: str, source: str) -> Any:
    import yaml

    try:
        # libyaml's loader when present: it parses the wizard in about a millisecond.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise WizardFileError(f"{source}: not valid YAML: {exc}", "") from exc


def _build(data: Any, source: str) -> WizardSpec:
    top = _check(data, _TOP, _TOP_REQUIRED, source, "")
    if top["version"] != WIZARD_VERSION:
        _fail(source, "version", f"unsupported version {top['version']!r}; expected {WIZARD_VERSION}")
    steps = tuple(_step(item, source, f"steps[{i}]") for i, item in enumerate(top["steps"]))
    if not steps:
        _fail(source, "steps", "at least one step is required")
    ids = [s.id for s in steps]
    for i, step in enumerate(steps):
        if ids.count(step.id) > 1:
            _fail(source, "steps", f"step id {step.id!r} is used twice")
        if step.back and step.back not in ids:
            _fail(source, f"steps[{i}].back", f"no step {step.back!r} in this wizard")
        for move, target in step.next.items():
            if target not in ids:
                _fail(source, f"steps[{i}].next.{move}", f"no step {target!r} in this wizard")
    return WizardSpec(top["id"], top["action"], steps, source)


def _step(data: Any, source: str, where: str) -> StepSpec:
    d = _check(data, _STEP, _STEP_REQUIRED, source, where)
    fields = tuple(_field(f, source, f"{where}.fields[{i}]") for i, f in enumerate(d.get("fields", [])))
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        _fail(source, f"{where}.fields", "two fields have the same name")
    # Help is folded YAML (`>`): one line per paragraph; on screen a blank line parts them.
    help_text = "\n\n".join(p.strip() for p in d["help"].strip().splitlines() if p.strip())
    moves = d.get("next", {})
    for move, target in moves.items():
        if not isinstance(target, str):
            _fail(source, f"{where}.next.{move}", f"expected a quoted step id, found {_kind(target)}")
    return StepSpec(d["id"], d["title"], help_text, fields, d.get("back", ""), dict(moves))


def _field(data: Any, source: str, where: str) -> FieldSpec:
    d = _check(data, _FIELD, _FIELD_REQUIRED, source, where)
    if d["kind"] not in FIELD_KINDS:
        _fail(source, f"{where}.kind", f"unknown kind {d['kind']!r}; one of {', '.join(FIELD_KINDS)}")
    validators = d.get("validators", [])
    for i, name in enumerate(validators):
        if not isinstance(name, str):
            _fail(source, f"{where}.validators[{i}]", f"expected a quoted string, found {_kind(name)}")
    options = tuple(OptionSpec(**_check(o, _OPTION, set(_OPTION), source, f"{where}.options[{i}]"))
                    for i, o in enumerate(d.get("options", [])))
    if d["kind"] != "select" and (d.get("choices") or options or d.get("allow_typed")):
        _fail(source, where, "choices, options and allow_typed belong to select fields only")
    if d["kind"] == "select" and not (d.get("choices") or options):
        _fail(source, where, "a select field needs choices (a source name) or options")
    return FieldSpec(name=d["name"], kind=d["kind"], label=d.get("label", ""),
                     placeholder=d.get("placeholder", ""), choices=d.get("choices", ""), options=options,
                     allow_typed=d.get("allow_typed", False), validators=tuple(validators),
                     default=d.get("default", False), declared=frozenset(d) - {"name", "kind"})


def _check(data: Any, schema: dict[str, type], required: set[str], source: str, where: str) -> dict:
    if not isinstance(data, dict):
        _fail(source, where or "(top)", f"expected a mapping, found {_kind(data)}")
    for key, value in data.items():
        name = f"{where}.{key}" if where else str(key)
        if key not in schema:
            _fail(source, name, f"unknown key; allowed: {', '.join(sorted(schema))}")
        expected = schema[key]
        # bool is an int in Python: do not let `version: true` pass as a number.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            hint = " (quote strings: YAML reads yes/no/on/off as booleans)" if expected is str else ""
            _fail(source, name, f"expected {_kind_name(expected)}, found {_kind(value)}{hint}")
    for key in sorted(required - set(data)):
        _fail(source, f"{where}.{key}" if where else key, "missing")
    return data


def _fail(source: str, key: str, message: str):
    raise WizardFileError(f"{source}: {key}: {message}.", "Fix the wizard definition file.")


def _kind_name(t: type) -> str:
    return {str: "a string", int: "a number", bool: "true or false", list: "a list", dict: "a mapping"}[t]


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    for t in (bool, str, int, list, dict):
        if isinstance(value, t):
            return _kind_name(t)
    return type(value).__name__
