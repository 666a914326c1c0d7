"""Test helpers: people and households registered through the services, so the checks run."""

import datetime as dt

from django.utils import timezone

from ansinh.registry.services import household_register, person_register, person_status_set


def registered_on(commune) -> dt.date:
    """A date a commune takes registrations: today, or the last day of an old-structure commune."""
    today = timezone.localdate()
    return min(today, commune.valid_until) if commune.valid_until else today


def make_person(user, commune, *, full_name: str = "Nguyễn Văn An", born: str = "1985-03-02", sex: str = "M",
                citizen_id: str | None = None, household=None, relation: str = "", ethnicity: str = "Kinh",
                legacy_si_code: str | None = None, on: dt.date | None = None):
    """A person registered on `on` (default `registered_on(commune)`)."""
    return person_register(user=user, full_name=full_name, date_of_birth=dt.date.fromisoformat(born), sex=sex,
                           commune=commune, citizen_id=citizen_id, household=household, relation=relation,
                           ethnicity=ethnicity, legacy_si_code=legacy_si_code, on=on or registered_on(commune))


def make_household(user, commune, *, code: str, address: str = "", on: dt.date | None = None):
    """A household registered on `on` (default `registered_on(commune)`)."""
    return household_register(user=user, code=code, commune=commune, address=address,
                              on=on or registered_on(commune))


NEAR_POOR_2026 = "QĐ 15/QĐ-UBND ngày 15/1/2026 của UBND xã (danh sách hộ cận nghèo năm 2026)"


def make_status(user, person, kind: str = "near_poor", year: int = 2026, evidence: str = NEAR_POOR_2026, **fields):
    """A person's status for a year, recorded with its evidence through the service (near-poor in 2026 by default)."""
    return person_status_set(user=user, person=person, year=year, kind=kind, evidence=evidence, **fields)


def make_household_of_three(user, commune, *, code: str, ids: tuple[str, str, str], address: str = "Ấp 1",
                            head_si_code: str | None = None):
    """Thạch Văn Sơn (head, born 1970), his wife Kim Thị Hoa (1972) and their son Thạch Minh Tú (2001), with these
    citizen IDs, none enrolled yet: (household, [head, wife, son])."""
    from ansinh.registry.services import household_set_head

    household = make_household(user, commune, code=code, address=address)
    people = [make_person(user, commune, full_name=name, born=born, sex=sex, citizen_id=cid, household=household,
                          relation=relation, legacy_si_code=si_code)
              for (name, born, sex, relation, si_code), cid in zip(
                  [("Thạch Văn Sơn", "1970-05-01", "M", "head", head_si_code),
                   ("Kim Thị Hoa", "1972-08-09", "F", "spouse", None),
                   ("Thạch Minh Tú", "2001-01-20", "M", "child", None)], ids, strict=True)]
    household_set_head(user=user, household=household, person=people[0])
    return household, people
