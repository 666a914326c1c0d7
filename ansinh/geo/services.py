"""Writes to geo: an officer adds or corrects a unit's yearly figure."""

from django.db import transaction

from ansinh.core.changelog import log_change
from ansinh.core.errors import Code, DomainError
from ansinh.core.scoping import Action, require
from ansinh.geo.choices import Indicator
from ansinh.geo.models import Unit, UnitStatistic

MAX_FIGURE = 200_000_000  # people: more than the country's population is a typing slip


@transaction.atomic
def statistic_record(*, user, unit: Unit, indicator: str, year: int, value: int, source: str
                     ) -> UnitStatistic:
    """Add a unit's figure for a year, or correct it if that year already has one."""
    require(user, Action.ENTER_FIGURES, unit.path, what=f"Đơn vị hành chính mã {unit.code}")
    if indicator not in Indicator.values:
        raise DomainError(f"Chỉ tiêu '{indicator}' không hợp lệ.", code=Code.INVALID_INDICATOR, field="indicator")
    if not 1945 <= int(year) <= 2100:
        raise DomainError(f"Năm {year} không hợp lệ.", code=Code.INVALID_YEAR, field="year")
    if int(value) < 0:
        raise DomainError("Số liệu không được âm.", code=Code.NEGATIVE_VALUE, field="value")
    if not 1 <= int(value) <= MAX_FIGURE:
        raise DomainError(f"Số liệu {value} không dùng được làm mẫu số (từ 1 đến {MAX_FIGURE:,} người)."
                          .replace(",", "."), code=Code.INVALID_NUMBER, field="value")
    if not source or not source.strip():
        raise DomainError("Cần ghi nguồn số liệu.", code=Code.SOURCE_REQUIRED, field="source")
    stat = (UnitStatistic.objects.select_for_update()
            .filter(unit=unit, indicator=indicator, year=year).first())
    if stat is None:
        stat = UnitStatistic.objects.create(unit=unit, indicator=indicator, year=year, value=value,
                                            source=source.strip(), created_by=user, changed_by=user)
        log_change(user=user, obj=stat, action="create", scope_path=unit.path,
                   changes={"indicator": indicator, "year": year, "value": value, "source": source})
        return stat
    changes = {}
    if stat.value != value:
        changes["value"] = [stat.value, value]
    if stat.source != source.strip():
        changes["source"] = [stat.source, source.strip()]
    if not changes:
        return stat  # the same figure again: nothing to change, nothing to log
    stat.value, stat.source, stat.changed_by = value, source.strip(), user
    stat.save()
    log_change(user=user, obj=stat, action="update", scope_path=unit.path, changes=changes)
    return stat
