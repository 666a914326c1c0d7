"""Officer-added parameter rows: a new decree or resolution becomes a dated row, not a code change.

Rows are append-only: a mistake is corrected by adding a row with the same start date (the row added
last wins on equal dates), so the history of what was in force, and who said so, is never lost.
"""

from django.db import models
from django.db.models import F, Q

from ansinh.calc.choices import RowStatus, TopUpBase, TopUpScheme, group_label
from ansinh.core.models import Created, DatedRow
from ansinh.rules import LocalSupportRow, ParamRow


class ParameterRow(DatedRow, Created):
    """One dated value of a law parameter (optionally per key) added by an administrator, with its source."""

    name = models.CharField("Tham số", max_length=60, db_index=True)
    key = models.CharField("Khóa", max_length=60, blank=True, default="",
                           help_text="Nhóm, giới tính, thứ tự… khi tham số có nhiều giá trị; để trống nếu không.")
    value = models.DecimalField("Giá trị", max_digits=18, decimal_places=6)
    legal_ref = models.CharField("Căn cứ pháp lý", max_length=300)
    status = models.CharField("Trạng thái", max_length=12, choices=RowStatus.choices, default=RowStatus.CONFIRMED)
    note = models.TextField("Ghi chú", blank=True, default="")

    class Meta(DatedRow.Meta):
        ordering = ["id"]
        verbose_name = "dòng tham số"
        verbose_name_plural = "dòng tham số"
        constraints = [
            *DatedRow.Meta.constraints,
            models.CheckConstraint(condition=~Q(legal_ref=""), name="calc_paramrow_legal_ref_required"),
            models.CheckConstraint(condition=Q(value__gte=0), name="calc_paramrow_value_not_negative"),
            models.CheckConstraint(condition=Q(status__in=RowStatus.values), name="calc_paramrow_status_valid"),
        ]

    def __str__(self) -> str:
        key = f"[{self.key}]" if self.key else ""
        return f"{self.name}{key} = {self.value.normalize():f} từ {self.valid_from:%d/%m/%Y}"

    def to_rule(self) -> ParamRow:
        """The row as the rules engine takes it."""
        return ParamRow(name=self.name, key=self.key or None, value=self.value, valid_from=self.valid_from,
                        valid_until=self.valid_until, legal_ref=self.legal_ref, status=self.status, note=self.note)


class LocalTopUpRow(DatedRow, Created):
    """A provincial top-up (HĐND resolution) added by an administrator: percent of a base for a scheme and group."""

    province = models.CharField("Mã tỉnh", max_length=2, help_text="Mã GSO 2 chữ số (tỉnh mới dùng lại mã cũ).")
    scheme = models.CharField("Chế độ", max_length=3, choices=TopUpScheme.choices)
    group = models.CharField("Nhóm đối tượng", max_length=60, help_text="Mã nhóm, hoặc * cho mọi nhóm.")
    percent = models.DecimalField("Tỷ lệ hỗ trợ (%)", max_digits=7, decimal_places=3)
    base = models.CharField("Tính trên", max_length=20, choices=TopUpBase.choices, default=TopUpBase.CONTRIBUTION)
    max_months = models.PositiveIntegerField("Số tháng hỗ trợ tối đa", null=True, blank=True)
    age_from = models.PositiveSmallIntegerField("Từ đủ (tuổi)", null=True, blank=True)
    age_below = models.PositiveSmallIntegerField("Đến dưới (tuổi)", null=True, blank=True)
    legal_ref = models.CharField("Căn cứ pháp lý", max_length=300)
    status = models.CharField("Trạng thái", max_length=12, choices=RowStatus.choices, default=RowStatus.CONFIRMED)
    note = models.TextField("Ghi chú", blank=True, default="")

    class Meta(DatedRow.Meta):
        ordering = ["id"]
        verbose_name = "mức hỗ trợ của địa phương"
        verbose_name_plural = "mức hỗ trợ của địa phương"
        constraints = [
            *DatedRow.Meta.constraints,
            models.CheckConstraint(condition=~Q(legal_ref=""), name="calc_topup_legal_ref_required"),
            models.CheckConstraint(condition=Q(percent__gte=0) & Q(percent__lte=100), name="calc_topup_percent_range"),
            models.CheckConstraint(condition=Q(scheme__in=TopUpScheme.values), name="calc_topup_scheme_valid"),
            models.CheckConstraint(condition=Q(base__in=TopUpBase.values), name="calc_topup_base_valid"),
            models.CheckConstraint(condition=Q(status__in=RowStatus.values), name="calc_topup_status_valid"),
            models.CheckConstraint(condition=Q(age_from__isnull=True) | Q(age_below__isnull=True)
                                   | Q(age_below__gt=F("age_from")), name="calc_topup_age_band_order"),
        ]

    @property
    def group_label(self) -> str:
        """The group's Vietnamese label."""
        return group_label(self.group)

    def __str__(self) -> str:
        percent = f"{self.percent.normalize():f}"
        band = self.to_rule().age_band
        return (f"{self.province}/{self.scheme}/{self.group}{f' ({band})' if band else ''} +{percent}% "
                f"từ {self.valid_from:%d/%m/%Y}")

    def to_rule(self) -> LocalSupportRow:
        """The row as the rules engine takes it."""
        return LocalSupportRow(province=self.province, scheme=self.scheme, group=self.group, percent=self.percent,
                               base=self.base, valid_from=self.valid_from, valid_until=self.valid_until,
                               legal_ref=self.legal_ref, status=self.status, note=self.note,
                               max_months=self.max_months, age_from=self.age_from, age_below=self.age_below)
