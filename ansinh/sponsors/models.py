"""Sponsors (mạnh thường quân) and what they give.

A **sponsor** (a firm, a union, the Fatherland Front, a person) makes **pledges**: an amount of money, a number of
cards, or both, for a group of beneficiaries of a unit (the pupils of a school, ethnic-minority pupils in hardship
of a commune, near-poor households, named people) over a period, paying either the whole of what is left of each
card after the state's and the province's support, or a fixed part of it. The money the sponsor hands over is
recorded as it comes (`PledgeReceipt`). Each beneficiary given a card from the pledge is a **sponsored card**: the
amount set aside for them, then the contribution that paid their card (`enrollment.Contribution`, whose
`sponsor_support` is what the pledge actually paid). Balances are derived, never stored: received = Σ receipts,
paid = Σ sponsor support of the cards' contributions (a cancelled receipt removes its contributions), set aside
= Σ amounts of the cards not paid yet and not taken back.
"""

from django.db import models
from django.db.models import F, Q

from ansinh.core.models import Audited, Created
from ansinh.core.scoping import ScopedQuerySet
from ansinh.core.text import fold
from ansinh.sponsors.choices import CARD_MONTHS, Beneficiaries, Share, SponsorKind


class Sponsor(Audited):
    """A firm, organisation or person who pays HI cards for others, kept by the unit whose officers deal with it."""

    kind = models.CharField("Loại nhà tài trợ", max_length=12, choices=SponsorKind.choices)
    name = models.CharField("Tên nhà tài trợ", max_length=200)
    tax_code = models.CharField("Mã số thuế", max_length=14, blank=True)
    contact_name = models.CharField("Người liên hệ", max_length=100, blank=True)
    phone = models.CharField("Điện thoại", max_length=15, blank=True)
    email = models.CharField("Thư điện tử", max_length=100, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="Đơn vị quản lý")
    province_code = models.CharField(max_length=2, db_index=True)
    note = models.CharField("Ghi chú", max_length=300, blank=True)
    search_text = models.CharField(max_length=250, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="sponsor_name_unique_per_unit"),
            models.UniqueConstraint(fields=["tax_code"], condition=~Q(tax_code=""), name="sponsor_tax_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.tax_code}")[:250]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class Pledge(Audited):
    """What a sponsor commits to: money and/or cards, for whom in which unit, over which period, paying how much
    of each card."""

    sponsor = models.ForeignKey(Sponsor, on_delete=models.PROTECT, related_name="pledges")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name="Địa bàn người được hỗ trợ")
    province_code = models.CharField(max_length=2, db_index=True)
    pledged_on = models.DateField("Ngày cam kết")
    beneficiaries = models.CharField("Đối tượng", max_length=16, choices=Beneficiaries.choices)
    school = models.CharField("Trường", max_length=200, blank=True)
    amount = models.PositiveBigIntegerField("Số tiền cam kết (đồng)", null=True, blank=True)
    cards = models.PositiveIntegerField("Số thẻ cam kết", null=True, blank=True)
    share = models.CharField("Mức hỗ trợ mỗi thẻ", max_length=6, choices=Share.choices, default=Share.REST)
    fixed_amount = models.PositiveBigIntegerField("Số tiền mỗi thẻ (đồng)", null=True, blank=True)
    months = models.PositiveSmallIntegerField("Số tháng mỗi thẻ", choices=CARD_MONTHS, default=12)
    period_start = models.DateField("Từ ngày")
    period_end = models.DateField("Đến ngày")
    closed_on = models.DateField("Ngày kết thúc cam kết", null=True, blank=True)
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["-pledged_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=False) | Q(cards__isnull=False), name="pledge_not_empty"),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0), name="pledge_amount_positive"),
            models.CheckConstraint(condition=Q(cards__isnull=True) | Q(cards__gt=0), name="pledge_cards_positive"),
            models.CheckConstraint(condition=~Q(share="fixed") | Q(fixed_amount__gt=0), name="pledge_fixed_amount"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="pledge_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"Cam kết {self.code} — {self.sponsor}"

    @property
    def for_whom(self) -> str:
        """Whom the pledge is for, in a sentence: 'học sinh, sinh viên Trường …' or 'người thuộc hộ cận nghèo'."""
        if self.beneficiaries == Beneficiaries.SCHOOL and self.school:
            return f"học sinh, sinh viên {self.school}"
        label = self.get_beneficiaries_display()
        return label[:1].lower() + label[1:]

    @property
    def code(self) -> str:
        """The pledge's reference on letters and statements: CK-<year pledged>-<number>."""
        return f"CK-{self.pledged_on:%Y}-{self.pk:04d}"


class PledgeReceipt(Created):
    """Money a sponsor handed over for a pledge (cash or transfer), on a day."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="receipts")
    received_on = models.DateField("Ngày nhận")
    amount = models.PositiveBigIntegerField("Số tiền (đồng)")
    reference = models.CharField("Số chứng từ", max_length=60, blank=True,
                                 help_text="The bank transfer's reference or the receipt's number.")
    province_code = models.CharField(max_length=2, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "pledge__unit__path"

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="pledge_receipt_amount_positive"),
            models.UniqueConstraint(fields=["pledge", "reference"], condition=~Q(reference=""),
                                    name="pledge_receipt_reference_once"),
        ]


class SponsoredCard(Audited):
    """A beneficiary given a card from a pledge: the amount set aside for them, then the contribution that paid it
    (whose `sponsor_support` is what the pledge paid); taken back (`released_on`) if it is not to be paid."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="sponsored_cards")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2, db_index=True)
    allocated_on = models.DateField("Ngày phân bổ")
    amount = models.PositiveBigIntegerField("Số tiền dành cho thẻ (đồng)",
                                            help_text="The sponsor's share of the card as quoted when given.")
    contribution = models.OneToOneField("enrollment.Contribution", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="sponsored_card",
                                        help_text="The payment of the card; emptied when its receipt is cancelled "
                                                  "(the contribution is removed), so the card waits to be paid again.")
    receipt = models.ForeignKey("enrollment.Receipt", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", help_text="The receipt of the card's last payment (kept when it "
                                                            "is cancelled, to show what happened).")
    released_on = models.DateField("Ngày thu hồi", null=True, blank=True)
    release_reason = models.CharField("Lý do thu hồi", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["allocated_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "person"], condition=Q(released_on__isnull=True),
                                    name="sponsored_card_once_per_pledge"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="sponsored_card_amount_positive"),
        ]
