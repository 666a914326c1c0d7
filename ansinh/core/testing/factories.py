"""Test helpers to build users and other objects without relying on seeded ids."""

from ansinh.accounts.models import User

TEST_PASSWORD = "correct-horse-battery-staple-2026"


def make_user(username: str, *, role: str, scope_unit=None, password: str = TEST_PASSWORD) -> User:
    """A user with a role and an area."""
    user = User(username=username, role=role, scope_unit=scope_unit,
                is_staff=role == "admin", is_superuser=role == "admin")
    user.set_password(password)
    user.save()
    return user
