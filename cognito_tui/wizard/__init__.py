"""The wizard as data: step specs loaded from wizards/*.yaml, and the names they refer to. No UI."""

from .loader import WizardFileError, load_all, load_wizard, parse_wizard
from .spec import FieldSpec, OptionSpec, StepSpec, WizardSpec
from .state import WizardState

__all__ = ["FieldSpec", "OptionSpec", "StepSpec", "WizardFileError", "WizardSpec", "WizardState",
           "load_all", "load_wizard", "parse_wizard"]
