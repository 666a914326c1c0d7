"""The one choke point for areas and rights: `restrict(user, action)` on querysets, `require(user, action, path)`
before every write.

Every list, detail, API call and export of area data goes through `restrict`. A model opts in by
using `ScopedQuerySet` and naming, in `scope_path_lookup`, the lookup that reaches the unit path of
a row (for example `"commune__path"` or `"scope_path"`). A user's area is a list of path prefixes
(see `accounts.User.scope_paths`); `None` means the whole country. What a role may do is a set of
`Action`s (`accounts.choices.ROLE_ACTIONS`, the table in docs/roles-and-areas.md).
"""

from enum import StrEnum

from django.db import models
from django.db.models import Q

from ansinh.core.errors import NotFound, PermissionDenied


class Action(StrEnum):
    """What a user does: the rows of the role matrix, and the data actions querysets are restricted by."""

    VIEW = "view"  # read the records of the area
    ADD = "add"  # data action: create rows (any of the field actions below)
    CHANGE = "change"  # data action: change rows
    DELETE = "delete"  # data action: delete rows entered by mistake
    REGISTER = "register"  # register a person or a household
    CHANGE_MEMBER = "change_member"  # change a member's data, head, living-standard status
    PAY = "pay"  # record a payment (a first enrollment)
    RENEW = "renew"  # record a further payment
    END_ENROLLMENT = "end_enrollment"  # stop an enrollment (moved, died, compulsory SI…)
    CORRECT_RECEIPT = "correct_receipt"  # cancel a receipt entered by mistake (a collector: her own)
    MANAGE_STAFF = "manage_staff"  # staff and collection points
    MANAGE_SPONSORS = "manage_sponsors"  # sponsors, their pledges and money, the beneficiaries given cards
    SET_TARGETS = "set_targets"  # campaigns, their targets and teams; yearly plans
    ENTER_RESULTS = "enter_results"  # a campaign's results of the day and its activities
    ENTER_FIGURES = "enter_figures"  # reported coverage figures, unit statistics, corrections of campaign results
    BUILD_REPORT = "build_report"  # report packs for the steering committee
    MANAGE_USERS = "manage_users"  # accounts of the area
    MANAGE_LOCAL_SUPPORT = "manage_local_support"  # the province's own top-ups (HĐND resolutions): add, end


VIEW, ADD, CHANGE, DELETE = Action.VIEW, Action.ADD, Action.CHANGE, Action.DELETE
ACTIONS = tuple(Action)
REFUSED = {
    Action.REGISTER: "đăng ký người tham gia, hộ gia đình",
    Action.CHANGE_MEMBER: "sửa thông tin thành viên",
    Action.PAY: "ghi nhận đóng tiền",
    Action.RENEW: "ghi nhận gia hạn",
    Action.END_ENROLLMENT: "dừng quá trình tham gia",
    Action.CORRECT_RECEIPT: "huỷ biên lai",
    Action.MANAGE_STAFF: "quản lý nhân viên, điểm thu",
    Action.MANAGE_SPONSORS: "quản lý nhà tài trợ và cam kết tài trợ",
    Action.SET_TARGETS: "giao chỉ tiêu, lập chiến dịch",
    Action.ENTER_RESULTS: "nhập kết quả chiến dịch",
    Action.ENTER_FIGURES: "nhập số liệu báo cáo, điều chỉnh kết quả",
    Action.BUILD_REPORT: "lập báo cáo",
    Action.MANAGE_USERS: "quản lý tài khoản",
    Action.MANAGE_LOCAL_SUPPORT: "thêm, kết thúc mức hỗ trợ của địa phương (nghị quyết HĐND)",
    Action.ADD: "thêm dữ liệu",
    Action.CHANGE: "sửa dữ liệu",
    Action.DELETE: "xoá dữ liệu",
}


def refusal(action: str) -> str:
    """The Vietnamese message of a refused action."""
    return f"Vai trò của bạn không được {REFUSED.get(action, 'thực hiện thao tác này')}."


def in_area(user, path: str) -> bool:
    """Whether a unit path lies in the user's area (whatever the role may do there)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    prefixes = user.scope_paths()
    return prefixes is None or any(path.startswith(p) for p in prefixes)


def require(user, action: str, path: str, *, what: str = "Hồ sơ") -> None:
    """Refuse unless the user may do `action` at `path`: outside the area → NotFound (404, nothing revealed);
    inside it, a role without the right → PermissionDenied (403, with the reason in Vietnamese)."""
    if not in_area(user, path):
        raise NotFound(f"{what} không thuộc địa bàn của bạn.")
    if not user.may(action):
        raise PermissionDenied(refusal(action))


def require_role(user, action: str) -> None:
    """Refuse (403) unless the user's role allows `action` at all (pages and lists that hold no single object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.may(action):
        raise PermissionDenied(refusal(action))


def scope_q(lookup: str, prefixes: list[str]) -> Q:
    """A Q matching rows whose unit path starts with one of the prefixes."""
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(**{f"{lookup}__startswith": prefix})
    return q


def restrict(queryset: models.QuerySet, user, action: str = VIEW, *, lookups: tuple[str, ...] | None = None
             ) -> models.QuerySet:
    """Rows of `queryset` that `user` may `action`, limited to the user's area subtree.

    `lookups`: a row is in the area through any of several unit paths (a pledge: the beneficiaries' unit or the
    sponsor's) instead of the model's `scope_path_lookup`; matched in a subquery, so a row reached twice comes once.
    """
    if action not in Action._value2member_map_:
        raise ValueError(f"unknown action {action!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if not user.may(action):
        return queryset.none()
    prefixes = user.scope_paths()
    if prefixes is None:
        return queryset
    if lookups:
        area = Q(pk__in=[])
        for lookup in lookups:
            area |= scope_q(lookup, prefixes)
        return queryset.filter(pk__in=queryset.model._default_manager.filter(area).values("pk"))
    lookup = getattr(queryset.model, "scope_path_lookup", None)
    if lookup is None:
        raise TypeError(f"{queryset.model.__name__} declares no scope_path_lookup")
    return queryset.filter(scope_q(lookup, prefixes))


def path_in_scope(user, path: str, action: str = VIEW) -> bool:
    """Whether a unit path lies in the user's area and the user may `action` there."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.may(action):
        return False
    prefixes = user.scope_paths()
    return prefixes is None or any(path.startswith(p) for p in prefixes)


class ScopedQuerySet(models.QuerySet):
    """QuerySet with `.restrict(user, action)`."""

    def restrict(self, user, action: str = VIEW) -> models.QuerySet:
        """Rows the user may see or act on, in the user's area."""
        return restrict(self, user, action)
