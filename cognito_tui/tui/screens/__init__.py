"""One screen per wizard step, by step id."""

from __future__ import annotations

from importlib import import_module

# Step id -> (module, class). Imported on first use, so the first screen paints without
# waiting for the modules of steps the user has not reached.
_STEPS = {
    "identity_pool": ("identity_pool", "IdentityPoolScreen"),
    "providers": ("providers", "ProvidersScreen"),
    "user_pool": ("user_pool", "UserPoolScreen"),
    "app_client": ("app_client", "AppClientScreen"),
    "add_another": ("add_another", "AddAnotherScreen"),
    "roles": ("roles", "RolesScreen"),
    "role": ("role", "RolePickScreen"),
    "review": ("review", "ReviewScreen"),
    "save": ("save", "SaveScreen"),
}


def step_screen(step_id: str) -> type:
    module, name = _STEPS[step_id]
    return getattr(import_module(f"{__name__}.{module}"), name)


def step_screens() -> dict:
    """Every step's screen class (imports them all)."""
    return {step_id: step_screen(step_id) for step_id in _STEPS}
