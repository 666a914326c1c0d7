"""Test helper: a user with a role and an area (through the configured user model, so any app's tests can use it)."""

from django.contrib.auth import get_user_model

TEST_PASSWORD = "correct-horse-battery-staple-2026"


def make_user(username: str, *, role: str, scope_unit=None, password: str = TEST_PASSWORD):
    """A user with a role and an area."""
    user = get_user_model()(username=username, role=role, scope_unit=scope_unit,
                            is_staff=role == "admin", is_superuser=role == "admin")
    user.set_password(password)
    user.save()
    return user
