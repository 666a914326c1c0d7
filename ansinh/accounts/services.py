"""Writes to accounts: creating users with a role and an area."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from ansinh.accounts.choices import Role
from ansinh.accounts.models import User
from ansinh.geo.models import Unit


@transaction.atomic
def user_ensure(*, username: str, password: str, role: str, scope_unit: Unit | None, full_name: str = "",
                staff_code: str = "") -> tuple[User, bool]:
    """Create a user (password checked by Django's validators) or leave an existing one as it is."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    # Vietnamese names are written family name first: keep the whole name as written.
    user = User(username=username, role=role, scope_unit=scope_unit, first_name=full_name.strip(),
                last_name="", staff_code=staff_code,
                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return user, True
