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


def first_commune(unit):
    """The first commune (by code) under a province or district."""
    from ansinh.geo.models import Unit

    return Unit.objects.filter(path__startswith=unit.path, level="commune").order_by("code").first()


def make_point(unit, code: str = "TV-BD-01", name: str = "Bưu điện huyện Càng Long"):
    """A collection point (post office) in a unit."""
    from ansinh.enrollment.models import CollectionPoint

    return CollectionPoint.objects.create(code=code, name=name, kind="post_office", unit=unit,
                                          province_code=unit.province_code)


def make_staff(unit, code: str = "NV001", full_name: str = "Trần Văn Thu", point=None, organisation: str = "post"):
    """A collector working in a unit."""
    from ansinh.enrollment.models import Staff

    return Staff.objects.create(code=code, full_name=full_name, organisation=organisation, unit=unit,
                                province_code=unit.province_code, collection_point=point)


def make_person(user, commune, *, full_name: str = "Nguyễn Văn An", born: str = "1985-03-02", sex: str = "M",
                citizen_id: str | None = None, household=None, relation: str = "", ethnicity: str = "Kinh"):
    """A registered person (through the service, so the checks run)."""
    import datetime as dt

    from ansinh.registry.services import person_register

    return person_register(user=user, full_name=full_name, date_of_birth=dt.date.fromisoformat(born), sex=sex,
                           commune=commune, citizen_id=citizen_id, household=household, relation=relation,
                           ethnicity=ethnicity)
