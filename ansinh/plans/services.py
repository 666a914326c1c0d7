"""The only writers of plans (targets) and reported figures: area checked, values checked, changes logged."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from ansinh.core.changelog import diff, log_change
from ansinh.core.errors import Code, DomainError
from ansinh.core.scoping import Action, require
from ansinh.geo.models import Unit
from ansinh.geo.validity import check_exists_in_year, check_valid_on
from ansinh.plans.choices import RATE_INDICATORS, Authority, Indicator, Period
from ansinh.plans.errors import PlanError
from ansinh.plans.models import Plan, RecordsComplete, ReportedFigure

PLAN_FIELDS = ("value", "document", "source", "note")
FIGURE_FIELDS = ("value", "source", "source_date", "source_url", "derived", "printed_plan_pct", "printed_needed",
                 "note")


def _require(user, unit: Unit, action: str) -> None:
    require(user, action, unit.path, what=f"Đơn vị {unit.name}")


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(f"Giá trị '{value}' không phải là số.", code=Code.INVALID_NUMBER, field=field) from exc
    if not number.is_finite():
        raise DomainError(f"Giá trị '{value}' không phải là số.", code=Code.INVALID_NUMBER, field=field)
    return number.quantize(Decimal("0.01"))


def _check_value(indicator: str, value, field: str = "value") -> Decimal:
    if indicator not in Indicator.values:
        raise DomainError(f"Chỉ tiêu '{indicator}' không hợp lệ.", code=Code.INVALID_INDICATOR, field="indicator")
    number = _decimal(value, field)
    if number < 0:
        raise DomainError("Giá trị không được âm.", code=Code.NEGATIVE_VALUE, field=field)
    if indicator in RATE_INDICATORS and number > 100:
        raise DomainError(f"Tỷ lệ bao phủ {number}% vượt quá 100%.", code=PlanError.RATE_OVER_100, field=field)
    if indicator not in RATE_INDICATORS and number != number.to_integral_value():
        raise DomainError("Số người, số tiền phải là số nguyên.", code=PlanError.NOT_AN_INTEGER, field=field)
    return number


def _upsert(*, user, model, unit: Unit, key: dict, wanted: dict, fields: tuple[str, ...], conflict: str
            ) -> tuple[object, str]:
    """Create the row for `key` or correct its `fields` to `wanted`, logging what changed; (row, what)."""
    row = model.objects.select_for_update().filter(unit=unit, **key).first()
    if row is None:
        try:
            with transaction.atomic():
                row = model.objects.create(unit=unit, created_by=_who(user), **key, **wanted)
        except IntegrityError as exc:
            raise DomainError(conflict, code=PlanError.CONFLICT) from exc
        log_change(user=user, obj=row, action="create", scope_path=unit.path, changes={**key, **wanted})
        return row, "created"
    changes = diff({f: getattr(row, f) for f in fields}, wanted)
    if not changes:
        return row, "unchanged"
    for name, value in wanted.items():
        setattr(row, name, value)
    row.changed_by = _who(user)
    row.save(update_fields=[*wanted, "changed_by", "changed_at"])
    log_change(user=user, obj=row, action="update", scope_path=unit.path, changes=changes)
    return row, "updated"


@transaction.atomic
def plan_record(*, user, unit: Unit, year: int, indicator: str, value, authority: str, period: str = Period.YEAR,
                document: str = "", source: str = "", note: str = "") -> tuple[Plan, str]:
    """Set a target (or correct it): one per unit × year × period × indicator × authority; returns (plan, what)."""
    _require(user, unit, Action.SET_TARGETS)
    check_exists_in_year(unit, year, field="unit")
    number = _check_value(indicator, value)
    if authority not in Authority.values:
        raise DomainError(f"Cơ quan giao '{authority}' không hợp lệ.",
                          code=PlanError.INVALID_AUTHORITY, field="authority")
    if period not in Period.values:
        raise DomainError(f"Kỳ '{period}' không hợp lệ.", code=PlanError.INVALID_PERIOD, field="period")
    if not 2000 <= int(year) <= 2100:
        raise DomainError(f"Năm {year} không hợp lệ.", code=Code.INVALID_YEAR, field="year")
    wanted = {"value": number, "document": document.strip(), "source": source.strip(), "note": note.strip()}
    return _upsert(user=user, model=Plan, unit=unit, wanted=wanted, fields=PLAN_FIELDS,
                   key={"year": year, "period": period, "indicator": indicator, "authority": authority},
                   conflict="Chỉ tiêu này vừa được người khác lưu; hãy tải lại trang.")


@transaction.atomic
def plan_delete(*, user, plan: Plan) -> None:
    """Remove a target entered by mistake."""
    _require(user, plan.unit, Action.SET_TARGETS)
    log_change(user=user, obj=plan, action="delete", scope_path=plan.unit.path,
               changes={"indicator": plan.indicator, "year": plan.year, "value": plan.value})
    plan.delete()


def _who(user):
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def figure_record(*, user, unit: Unit, on: dt.date, indicator: str, value, source: str,
                  source_date: dt.date | None = None, source_url: str = "", derived: bool = False,
                  printed_plan_pct=None, printed_needed: int | None = None, note: str = ""
                  ) -> tuple[ReportedFigure, str]:
    """Record a figure reported for a unit on a date (re-recording the same figure changes nothing)."""
    _require(user, unit, Action.ENTER_FIGURES)
    check_valid_on(unit, on, field="unit")
    number = _check_value(indicator, value)
    if not source or not source.strip():
        raise DomainError("Cần ghi nguồn của số liệu (báo cáo, bài báo, ngày).", code=Code.SOURCE_REQUIRED,
                          field="source")
    plan_pct = None if printed_plan_pct in (None, "") else _decimal(printed_plan_pct, "printed_plan_pct")
    if printed_needed not in (None, "") and int(printed_needed) < 0:
        raise DomainError("Số người cần thêm không được âm.", code=Code.NEGATIVE_VALUE, field="printed_needed")
    wanted = {"value": number, "source": source.strip(), "source_date": source_date, "source_url": source_url.strip(),
              "derived": bool(derived), "printed_plan_pct": plan_pct,
              "printed_needed": None if printed_needed in (None, "") else int(printed_needed), "note": note.strip()}
    return _upsert(user=user, model=ReportedFigure, unit=unit, wanted=wanted, fields=FIGURE_FIELDS,
                   key={"on": on, "indicator": indicator},
                   conflict="Số liệu này vừa được người khác lưu; hãy tải lại trang.")


@transaction.atomic
def figure_delete(*, user, figure: ReportedFigure) -> None:
    """Remove a reported figure entered by mistake."""
    _require(user, figure.unit, Action.ENTER_FIGURES)
    log_change(user=user, obj=figure, action="delete", scope_path=figure.unit.path,
               changes={"indicator": figure.indicator, "on": figure.on, "value": figure.value})
    figure.delete()


@transaction.atomic
def records_complete_set(*, user, unit: Unit, since: dt.date, note: str = "") -> tuple[RecordsComplete, str]:
    """Mark a unit's records complete from a day (every participant of it and of the units below it is in ansinh):
    from then on its counts come from the records alone. Marking it again with another day corrects the day."""
    _require(user, unit, Action.ENTER_FIGURES)
    check_valid_on(unit, since, field="since")
    wanted = {"since": since, "note": note.strip()}
    return _upsert(user=user, model=RecordsComplete, unit=unit, key={}, wanted=wanted, fields=("since", "note"),
                   conflict="Đơn vị này vừa được người khác đánh dấu; hãy tải lại trang.")


@transaction.atomic
def records_complete_clear(*, user, mark: RecordsComplete) -> None:
    """Withdraw a completeness mark set by mistake (counts go back to the reported baselines)."""
    _require(user, mark.unit, Action.ENTER_FIGURES)
    log_change(user=user, obj=mark, action="delete", scope_path=mark.unit.path, changes={"since": mark.since})
    mark.delete()
