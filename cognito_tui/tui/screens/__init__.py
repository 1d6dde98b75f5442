"""One screen per wizard step, by step id, plus the modals they share."""

from __future__ import annotations


def step_screens() -> dict:
    from .add_another import AddAnotherScreen
    from .app_client import AppClientScreen
    from .identity_pool import IdentityPoolScreen
    from .providers import ProvidersScreen
    from .review import ReviewScreen
    from .save import SaveScreen
    from .user_pool import UserPoolScreen

    return {"identity_pool": IdentityPoolScreen, "providers": ProvidersScreen, "user_pool": UserPoolScreen,
            "app_client": AppClientScreen, "add_another": AddAnotherScreen, "review": ReviewScreen,
            "save": SaveScreen}
