"""Test helpers: people registered through the service, so the checks run."""

import datetime as dt

from ansinh.registry.services import person_register


def make_person(user, commune, *, full_name: str = "Nguyễn Văn An", born: str = "1985-03-02", sex: str = "M",
                citizen_id: str | None = None, household=None, relation: str = "", ethnicity: str = "Kinh"):
    """A registered person."""
    return person_register(user=user, full_name=full_name, date_of_birth=dt.date.fromisoformat(born), sex=sex,
                           commune=commune, citizen_id=citizen_id, household=household, relation=relation,
                           ethnicity=ethnicity)
