"""Step specs as loaded from wizards/*.yaml: plain immutable data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

FIELD_KINDS = ("select", "text", "toggle", "confirm")


@dataclass(frozen=True)
class OptionSpec:
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    label: str = ""
    placeholder: str = ""
    choices: str = ""  # name of a choice source
    options: tuple[OptionSpec, ...] = ()  # fixed choices, when there is no source
    allow_typed: bool = False
    validators: tuple[str, ...] = ()
    default: bool = False
    declared: frozenset[str] = frozenset()  # the keys the file sets (besides name and kind)


@dataclass(frozen=True)
class StepSpec:
    id: str
    title: str
    help: str
    fields: tuple[FieldSpec, ...] = ()
    back: str = ""  # the step Escape returns to ("" = none)
    next: dict[str, str] = field(default_factory=dict)  # the step's forward moves: name -> step id

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"step {self.id} has no field {name!r}")


@dataclass(frozen=True)
class WizardSpec:
    id: str
    action: str
    steps: tuple[StepSpec, ...]
    source: str = "<wizard>"

    def step(self, step_id: str) -> StepSpec:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"wizard {self.id} has no step {step_id!r}")

    @property
    def names(self) -> dict[str, set[str]]:
        """Every registry name this wizard refers to, by kind."""
        out: dict[str, set[str]] = {"validators": set(), "choices": set(), "actions": {self.action}}
        for step in self.steps:
            for spec in step.fields:
                out["validators"].update(spec.validators)
                if spec.choices:
                    out["choices"].add(spec.choices)
        return out

    def declarations(self) -> set[str]:
        """Everything the file declares for the screens to read, as "step.field.key" and
        "step.next.move": what the wizard-file test expects the screens to read, all of it."""
        out = set()
        for step in self.steps:
            out.update(f"{step.id}.{spec.name}.{key}" for spec in step.fields for key in spec.declared)
            out.update(f"{step.id}.next.{move}" for move in step.next)
        return out
