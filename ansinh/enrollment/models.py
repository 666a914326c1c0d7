"""Enrollments per scheme, contributions with their receipts, HI cards, and the counts rolled up per
unit × scheme × day as enrollments are written."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ansinh.core.models import Audited, Created, Work
from ansinh.core.scoping import ScopedQuerySet
from ansinh.enrollment.choices import (
    ContactOutcome,
    EndReason,
    EnrollmentStatus,
    OptOut,
    PaymentMethod,
    ProspectMatch,
    ProspectStatus,
    ReminderChannel,
    ReminderKind,
    ReminderStatus,
    Scheme,
    TransferStatus,
)
from ansinh.registry.choices import Relation, Sex
from ansinh.rules.identifiers import HI_CARD_PATTERN


class Enrollment(Audited):
    """A person in a scheme over a period: paid up from `start_date` through `end_date`."""

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="enrollments")
    scheme = models.CharField(max_length=16, choices=Scheme.choices)
    hi_group_code = models.CharField(max_length=2, blank=True, help_text="HI card group code (GD, HS, SV, CN…).")
    household = models.ForeignKey("registry.Household", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="enrollments")
    member_rank = models.PositiveSmallIntegerField(null=True, blank=True,
                                                   help_text="Rank in the household HI ladder (1st, 2nd…).")
    enrolled_on = models.DateField(help_text="Date of registration (the recruitment day).")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Last day paid up / covered; empty = open.")
    status = models.CharField(max_length=8, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ACTIVE)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=12, choices=EndReason.choices, blank=True)
    income = models.PositiveBigIntegerField(null=True, blank=True, help_text="Chosen monthly income (VSI), VND.")
    payment_method = models.CharField(max_length=10, choices=PaymentMethod.choices, blank=True)
    vsi_category = models.CharField(max_length=20, blank=True)
    collector = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="enrollments")
    collection_point = models.ForeignKey("network.CollectionPoint", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="enrollments")
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2, db_index=True)
    is_new = models.BooleanField(default=True, help_text="A new participant (counts for recruitment targets).")
    source = models.CharField(max_length=40, blank=True, help_text="page, api, import:<file>…")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-enrolled_on", "-id"]
        constraints = [
            # No two open enrollments of one person in one scheme.
            models.UniqueConstraint(fields=["person", "scheme"], condition=Q(status="active"),
                                    name="enrollment_one_open_per_person_scheme"),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                                   name="enrollment_period_ordered"),
        ]
        indexes = [
            models.Index(fields=["province_code", "scheme", "status"], name="enrollment_province_scheme"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_scheme_display()}"


class Receipt(Created):
    """A receipt (biên lai) issued by a collection point for one payment (a person or a whole household)."""

    number = models.CharField(max_length=30)
    receipt_date = models.DateField()
    collection_point = models.ForeignKey("network.CollectionPoint", on_delete=models.PROTECT,
                                         related_name="receipts")
    collector = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="receipts")
    payer_name = models.CharField(max_length=100)
    amount_paid = models.PositiveBigIntegerField()
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True, help_text="When the receipt was cancelled (huỷ).")
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    cancel_reason = models.CharField(max_length=200, blank=True)
    cancelled_lines = models.JSONField(default=list, blank=True,
                                       help_text="What a cancelled receipt had paid (its contributions are removed).")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-receipt_date", "-id"]
        constraints = [models.UniqueConstraint(fields=["collection_point", "number"],
                                               name="receipt_number_unique_per_point")]

    def __str__(self) -> str:
        return f"Biên lai {self.number}"

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class Contribution(Created):
    """One enrollment's share of a payment: period, amounts due, supported and paid, and the Quote behind it."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="contributions")
    receipt = models.ForeignKey(Receipt, on_delete=models.PROTECT, related_name="contributions")
    period_start = models.DateField()
    period_end = models.DateField()
    previous_end = models.DateField(null=True, blank=True,
                                    help_text="Paid-up end of the enrollment before this payment; "
                                              "empty when the payment opened the enrollment.")
    months = models.PositiveSmallIntegerField()
    amount_due = models.PositiveBigIntegerField()
    state_support = models.PositiveBigIntegerField(default=0)
    local_support = models.PositiveBigIntegerField(default=0)
    sponsor_support = models.PositiveBigIntegerField(default=0)
    amount_paid = models.PositiveBigIntegerField()
    quote = models.JSONField(default=dict, help_text="The rules engine's Quote (lines, legal references).")
    rules_version = models.CharField(max_length=20)
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["receipt", "enrollment"], name="contribution_once_per_receipt"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="contribution_period_ordered"),
            models.CheckConstraint(condition=Q(months__gte=1), name="contribution_months_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} {self.period_start:%m/%Y}–{self.period_end:%m/%Y}"


PENDING_NUMBER = "Chờ cấp mã"


class HICard(models.Model):
    """A health-insurance card issued for a paid period, with validity from the rules."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="cards")
    contribution = models.OneToOneField(Contribution, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="card")
    number = models.CharField(max_length=15, blank=True,
                              help_text="15 characters: group, benefit level, province, 10-digit SI code; "
                                        "blank while BHXH has not issued the person an SI code.")
    benefit_level = models.PositiveSmallIntegerField(help_text="1–5 (4 = 80%).")
    valid_from = models.DateField()
    valid_until = models.DateField()
    five_years_on = models.DateField(null=True, blank=True, help_text="Date 5 consecutive years are reached.")
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")),
                                              name="hicard_validity_ordered"),
                       models.CheckConstraint(condition=Q(number="") | Q(number__regex=HI_CARD_PATTERN.pattern),
                                              name="hicard_number_15_characters")]
        indexes = [models.Index(fields=["province_code", "valid_until"], name="hicard_province_until")]

    def __str__(self) -> str:
        return self.shown_number

    @property
    def shown_number(self) -> str:
        """The number as printed: the 15-character code, or "Chờ cấp mã" while the SI code is awaited."""
        return self.number or PENDING_NUMBER


class Contact(Created):
    """A follow-up of an enrollment on the worklist — a visit, a call, a message — and what came of it: a promise to
    pay on a day hides the entry until that day, moved away or died takes it off; paying takes it off by itself."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="contacts")
    day = models.DateField("Ngày liên hệ")
    outcome = models.CharField("Kết quả", max_length=12, choices=ContactOutcome.choices)
    promised_on = models.DateField("Hẹn đóng ngày", null=True, blank=True)
    follow_up_on = models.DateField("Trở lại danh sách ngày", null=True, blank=True,
                                    help_text="A promise: the day the entry is back on the worklist — the promised "
                                              "day, or the last day to keep continuity if that comes first.")
    reason = models.CharField("Lý do", max_length=200, blank=True, help_text="Why they refused (required then).")
    note = models.CharField("Ghi chú", max_length=300, blank=True)
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              help_text="The collector who made the contact (the user's staff record).")
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(outcome="promised") | Q(promised_on__gte=F("day"),
                                                                          follow_up_on__isnull=False),
                                   name="contact_promise_has_a_day"),
            models.CheckConstraint(condition=~Q(outcome="refused") | ~Q(reason=""), name="contact_refusal_has_reason"),
        ]
        indexes = [models.Index(fields=["enrollment", "-day", "-id"], name="contact_latest")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_outcome_display()}"


class ReminderConsent(Audited):
    """A person's agreement to receive reminders through a channel at an address, and its withdrawal: a reply
    "TU CHOI" to an SMS, or an officer's flag. One row per person × channel; the change log keeps its history."""

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="reminder_consents")
    channel = models.CharField("Kênh", max_length=8, choices=ReminderChannel.choices)
    address = models.CharField("Số điện thoại / e-mail", max_length=254)
    given_on = models.DateField("Ngày đồng ý")
    source = models.CharField("Hình thức đồng ý", max_length=120,
                              help_text="Where the consent was given: the registration form, a call, a visit…")
    opted_out_on = models.DateField("Ngày từ chối", null=True, blank=True)
    opt_out_how = models.CharField("Cách từ chối", max_length=8, choices=OptOut.choices, blank=True)
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["person", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["person", "channel"], name="reminder_consent_one_per_channel"),
            models.CheckConstraint(condition=Q(opted_out_on__isnull=True, opt_out_how="")
                                   | Q(opted_out_on__isnull=False) & ~Q(opt_out_how=""),
                                   name="reminder_consent_opt_out_has_how"),
        ]
        indexes = [models.Index(fields=["address"], name="reminder_consent_address")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_channel_display()}"

    @property
    def active(self) -> bool:
        return self.opted_out_on is None


class ReminderRun(Created, Work):
    """The reminders of one day: one run per day, by the daily task or an officer's button; running it again
    sends only what it has not sent."""

    day = models.DateField("Ngày", unique=True)
    counts = models.JSONField(default=dict, blank=True, help_text="sent, failed, deferred (quiet hours), skipped.")

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"Nhắc nộp ngày {self.day:%d/%m/%Y}"


class Reminder(models.Model):
    """One reminder sent (or tried) to one person: what about, through which channel, the text as sent, the amount
    and payment reference it carried, and what the provider made of it. The log of what was sent."""

    run = models.ForeignKey(ReminderRun, on_delete=models.PROTECT, related_name="reminders")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="reminders")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField("Nội dung", max_length=10, choices=ReminderKind.choices)
    channel = models.CharField("Kênh", max_length=8, choices=ReminderChannel.choices)
    address = models.CharField("Gửi tới", max_length=254)
    text = models.TextField("Nội dung đã gửi")
    amount = models.PositiveBigIntegerField("Số tiền", null=True, blank=True)
    reference = models.CharField("Nội dung chuyển khoản", max_length=25, blank=True)
    deadline = models.DateField("Hạn", help_text="The card's last day, the last day to keep continuity, or the last "
                                                 "day paid up.")
    status = models.CharField("Trạng thái", max_length=10, choices=ReminderStatus.choices,
                              default=ReminderStatus.SENDING)
    provider_id = models.CharField(max_length=120, blank=True)
    error = models.CharField("Lỗi", max_length=300, blank=True)
    sent_at = models.DateTimeField("Gửi lúc", null=True, blank=True)
    delivered_at = models.DateTimeField("Đến máy lúc", null=True, blank=True)
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-run__day", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="reminder_one_per_person_per_run")]
        indexes = [models.Index(fields=["person", "-sent_at"], name="reminder_person_latest"),
                   models.Index(fields=["provider_id"], name="reminder_provider_id")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address} {self.run.day:%d/%m/%Y}"


class ResidentList(Created):
    """A commune's resident list on a date (the extract a commune gets from the population database), imported to
    find who is not covered yet; the day its prospects' personal data is purged, and what it counted."""

    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)
    listed_on = models.DateField("Ngày của danh sách", help_text="The date of the extract: coverage is judged on it.")
    purge_on = models.DateField("Xoá dữ liệu ngày", help_text="Prospects not registered by then are deleted.")
    purged_at = models.DateTimeField("Đã xoá lúc", null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True,
                              help_text="residents, matched, covered, prospects (and converted at the purge).")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-listed_on", "commune"]
        constraints = [models.UniqueConstraint(fields=["commune", "listed_on"], name="resident_list_one_per_day")]

    def __str__(self) -> str:
        return f"Danh sách cư trú {self.commune} ngày {self.listed_on:%d/%m/%Y}"


class Prospect(Audited):
    """A resident of a commune's list who is not covered on the list's date — no valid HI card, or of working age
    without voluntary or compulsory SI — or not in ansinh at all: someone for a collector to visit. Keyed on the
    commune and the citizen ID (or the folded name and birth date), so a later list updates it."""

    resident_list = models.ForeignKey(ResidentList, on_delete=models.CASCADE, related_name="prospects")
    key = models.CharField(max_length=130, help_text="id:<citizen ID>, or nd:<folded name>|<birth date>.")
    name_key = models.CharField(max_length=130, default="", db_index=True,
                                help_text="nd:<folded name>|<birth date>: found again by a list without the ID.")
    full_name = models.CharField("Họ và tên", max_length=100)
    date_of_birth = models.DateField("Ngày sinh")
    sex = models.CharField("Giới tính", max_length=1, choices=Sex.choices)
    citizen_id = models.CharField("Số định danh", max_length=12, blank=True)
    household_number = models.CharField("Số hộ", max_length=30, blank=True,
                                         help_text="The household's number in the population database's extract.")
    relation = models.CharField("Quan hệ với chủ hộ", max_length=12, choices=Relation.choices, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    person = models.ForeignKey("registry.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", help_text="The registry's person: matched, or registered from here.")
    matched_by = models.CharField("Đối chiếu", max_length=10, choices=ProspectMatch.choices)
    needs_hi = models.BooleanField("Chưa có BHYT", default=False)
    needs_vsi = models.BooleanField("Trong tuổi lao động, chưa có BHXH", default=False)
    status = models.CharField("Tình trạng", max_length=10, choices=ProspectStatus.choices,
                              default=ProspectStatus.OPEN)
    collector = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name="Cán bộ thu được giao")
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["household_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "key"], name="prospect_one_per_resident"),
            models.CheckConstraint(condition=~Q(status="open") | Q(needs_hi=True) | Q(needs_vsi=True),
                                   name="prospect_open_needs_something"),
        ]
        indexes = [models.Index(fields=["commune", "status", "household_number"], name="prospect_commune_household"),
                   models.Index(fields=["collector", "status"], name="prospect_collector")]

    def __str__(self) -> str:
        return self.full_name


class BankTransfer(Created):
    """A credit on a collection point's bank statement that carries an ansinh reference (ASH…/ASV…), and what became
    of it: recorded as a payment (its receipt), or refused with the reason for an officer to settle. Keyed on the
    point and the bank's transaction number, so a statement read twice records nothing twice."""

    collection_point = models.ForeignKey("network.CollectionPoint", on_delete=models.PROTECT,
                                         related_name="transfers", verbose_name="Điểm thu")
    bank_reference = models.CharField("Số giao dịch của ngân hàng", max_length=60)
    transferred_on = models.DateField("Ngày chuyển")
    amount = models.PositiveBigIntegerField("Số tiền")
    description = models.CharField("Nội dung chuyển khoản", max_length=300)
    reference = models.CharField("Mã thanh toán", max_length=25)
    status = models.CharField("Kết quả", max_length=10, choices=TransferStatus.choices)
    reason = models.CharField("Lý do", max_length=300, blank=True)
    receipt = models.OneToOneField(Receipt, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="bank_transfer")
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["-transferred_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["collection_point", "bank_reference"], name="transfer_once_per_point"),
            models.CheckConstraint(condition=~Q(status="recorded") | Q(receipt__isnull=False),
                                   name="transfer_recorded_has_receipt"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} đ {self.transferred_on:%d/%m/%Y}"


class ParticipationDelta(models.Model):
    """Roll-up: change in participants of a unit × scheme on a day (+1 at start, −1 the day after end).

    Participants of a unit on a date = the sum of its deltas up to that date; a national roll-up costs
    O(units × days), never a scan of enrollments.
    """

    key = models.CharField(max_length=60, unique=True, help_text="unit:scheme:day")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)
    scheme = models.CharField(max_length=16, choices=Scheme.choices)
    day = models.DateField()
    delta = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["scheme", "day"], name="participation_scheme_day"),
                   models.Index(fields=["province_code", "scheme", "day"], name="participation_prov_day")]

    def __str__(self) -> str:
        return self.key


class RecruitmentCount(models.Model):
    """Roll-up: new participants per unit × scheme × day × collector, kept as they are written."""

    key = models.CharField(max_length=80, unique=True, help_text="unit:scheme:day:collector")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)
    scheme = models.CharField(max_length=16, choices=Scheme.choices)
    day = models.DateField()
    collector = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    count = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["scheme", "day"], name="recruitment_scheme_day")]

    def __str__(self) -> str:
        return self.key


class ParticipationSeries(models.Model):
    """Roll-up: one row per unit × scheme with participants (communes and their provinces).

    Its row is locked while the series' month-end levels change, so concurrent writers apply in turn.
    """

    key = models.CharField(max_length=40, unique=True, help_text="unit:scheme")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)
    scheme = models.CharField(max_length=16, choices=Scheme.choices)

    class Meta:
        verbose_name_plural = "participation series"

    def __str__(self) -> str:
        return self.key


class ParticipationLevel(models.Model):
    """Roll-up: participants of a series at the end of each month in which they changed.

    Participants on a date = the level of the latest month ending before that date's month, plus the
    daily deltas of the date's own month: a read costs O(series), whatever the number of enrollments.
    """

    series = models.ForeignKey(ParticipationSeries, on_delete=models.CASCADE, related_name="levels")
    month_end = models.DateField()
    level = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "month_end"], name="participation_level_unique")]

    def __str__(self) -> str:
        return f"{self.series} {self.month_end}: {self.level}"
