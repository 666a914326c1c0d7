"""Roles and what each may do."""

from django.db import models

from ansinh.core.scoping import Action


class Role(models.TextChoices):
    """What a user is in the organisation."""

    ADMIN = "admin", "Quản trị hệ thống"
    PROVINCE_OFFICER = "province_officer", "Cán bộ BHXH tỉnh"
    COMMUNE_OFFICER = "commune_officer", "Cán bộ cấp xã"
    COLLECTOR = "collector", "Nhân viên thu"
    VIEWER = "viewer", "Người xem"


A = Action
FIELD_WORK = frozenset({A.VIEW, A.ADD, A.REGISTER, A.CHANGE_MEMBER, A.PAY, A.RENEW, A.CORRECT_RECEIPT,
                        A.ENTER_RESULTS})
OFFICE_WORK = FIELD_WORK | {A.CHANGE, A.DELETE, A.END_ENROLLMENT, A.MANAGE_STAFF, A.MANAGE_SPONSORS, A.SET_TARGETS,
                            A.ENTER_FIGURES, A.BUILD_REPORT}
# What each role may do inside its area: the matrix of docs/roles-and-areas.md. A collector registers, records
# payments and renewals, cancels her own receipts and reports a campaign's results of the day; she never
# deletes, ends an enrollment, corrects another collector's receipt or a campaign's results, sets targets or
# enters coverage figures. A viewer (a steering-committee member) reads and builds
# report packs.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(Action),
    Role.PROVINCE_OFFICER: OFFICE_WORK | {A.MANAGE_USERS, A.MANAGE_LOCAL_SUPPORT},
    Role.COMMUNE_OFFICER: OFFICE_WORK,
    Role.COLLECTOR: FIELD_WORK,
    Role.VIEWER: frozenset({A.VIEW, A.BUILD_REPORT}),
}
# Actions a role may do only on what its user entered: a collector cancels her own receipts, not another's.
OWN_ONLY: dict[str, frozenset[str]] = {Role.COLLECTOR: frozenset({A.CORRECT_RECEIPT})}
