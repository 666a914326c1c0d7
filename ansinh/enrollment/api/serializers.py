"""Serializers of the enrollment API: payments in, enrollments, receipts, cards, quotes and a person's history out."""

import datetime as dt

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ansinh.core.errors import DomainError
from ansinh.enrollment import selectors
from ansinh.enrollment.choices import EndReason, PaymentMethod
from ansinh.enrollment.errors import EnrollmentError
from ansinh.enrollment.models import Contact, Contribution, Enrollment, HICard, Receipt
from ansinh.enrollment.services import Payment
from ansinh.network import selectors as network_selectors
from ansinh.registry.api.serializers import HouseholdInputSerializer, HouseholdSerializer, PersonDetailSerializer
from ansinh.registry.models import mask_id
from ansinh.rules import continuity_deadline


class PaymentInputSerializer(serializers.Serializer):
    """Where and when the money was received."""

    receipt_number = serializers.CharField(max_length=30)
    paid_on = serializers.DateField()
    collection_point = serializers.CharField(max_length=20, help_text="Code of the collection point.")
    collector = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                      help_text="Staff code of the collector.")


def payment_from(data: dict, user) -> Payment:
    """The service's Payment from validated payment input, the point and collector looked up in the user's area."""
    point = network_selectors.points_for(user).filter(code=data["collection_point"]).first()
    if point is None:
        raise DomainError(f"Không có điểm thu mã {data['collection_point']} trong địa bàn của bạn.",
                          code=EnrollmentError.UNKNOWN_COLLECTION_POINT, field="payment.collection_point")
    collector = None
    if data.get("collector"):
        collector = network_selectors.staff_for(user).filter(code=data["collector"]).first()
        if collector is None:
            raise DomainError(f"Không có nhân viên thu mã {data['collector']} trong địa bàn của bạn.",
                              code=EnrollmentError.UNKNOWN_COLLECTOR, field="payment.collector")
    return Payment(receipt_number=data["receipt_number"].strip(), paid_on=data["paid_on"],
                   collection_point=point, collector=collector)


class ExplainedLineSerializer(serializers.Serializer):
    """One line of a quote: the amount, the reason and the legal reference."""

    code = serializers.CharField()
    amount = serializers.IntegerField()
    reason = serializers.CharField()
    legal_ref = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    member = serializers.IntegerField(allow_null=True, required=False)


class QuoteSerializer(serializers.Serializer):
    """A quote from the rules: the total to pay and every line explained."""

    scheme = serializers.CharField()
    on = serializers.DateField()
    total = serializers.IntegerField()
    rules_version = serializers.CharField()
    lines = ExplainedLineSerializer(many=True)

    def to_representation(self, instance):
        data = instance if isinstance(instance, dict) else instance.to_dict()
        return {"scheme": data["scheme"], "on": data["on"], "total": data["total"],
                "rules_version": data["rules_version"],
                "lines": [ExplainedLineSerializer(x).data for x in data["lines"]]}


class CardSerializer(serializers.ModelSerializer):
    """An HI card."""

    class Meta:
        model = HICard
        fields = ["id", "number", "benefit_level", "valid_from", "valid_until", "five_years_on"]


class ContributionSerializer(serializers.ModelSerializer):
    """One enrollment's share of a payment."""

    receipt_number = serializers.CharField(source="receipt.number")
    receipt_date = serializers.DateField(source="receipt.receipt_date")

    class Meta:
        model = Contribution
        fields = ["id", "receipt", "receipt_number", "receipt_date", "period_start", "period_end", "months",
                  "amount_due", "state_support", "local_support", "sponsor_support", "amount_paid", "rules_version"]


class EnrollmentSerializer(serializers.ModelSerializer):
    """A person in a scheme over a period."""

    person_name = serializers.CharField(source="person.full_name")
    collection_point = serializers.CharField(source="collection_point.code", allow_null=True, default=None)
    collector = serializers.CharField(source="collector.code", allow_null=True, default=None)
    commune = serializers.CharField(source="commune.code")

    class Meta:
        model = Enrollment
        fields = ["id", "person", "person_name", "scheme", "hi_group_code", "household", "member_rank", "enrolled_on",
                  "start_date", "end_date", "status", "ended_on", "end_reason", "income", "payment_method",
                  "vsi_category", "collection_point", "collector", "commune", "is_new", "source"]


class EnrollmentDetailSerializer(EnrollmentSerializer):
    """An enrollment with its payments and cards."""

    contributions = ContributionSerializer(many=True, read_only=True)
    cards = CardSerializer(many=True, read_only=True)

    class Meta(EnrollmentSerializer.Meta):
        fields = EnrollmentSerializer.Meta.fields + ["contributions", "cards"]


class ReceiptLineSerializer(serializers.ModelSerializer):
    """A contribution on a receipt, with the person (ID masked) and the card."""

    person = serializers.IntegerField(source="enrollment.person_id")
    person_name = serializers.CharField(source="enrollment.person.full_name")
    citizen_id = serializers.SerializerMethodField()
    scheme = serializers.CharField(source="enrollment.scheme")
    member_rank = serializers.IntegerField(source="enrollment.member_rank", allow_null=True)
    card = serializers.SerializerMethodField()

    class Meta:
        model = Contribution
        fields = ["id", "enrollment", "person", "person_name", "citizen_id", "scheme", "member_rank", "period_start",
                  "period_end", "months", "amount_due", "state_support", "local_support", "sponsor_support",
                  "amount_paid", "card"]

    def get_citizen_id(self, obj) -> str:
        """Masked: only the last 4 digits."""
        return mask_id(obj.enrollment.person.citizen_id)

    @extend_schema_field(CardSerializer(allow_null=True))
    def get_card(self, obj):
        """The HI card issued for this payment (household HI)."""
        card = getattr(obj, "card", None) if hasattr(obj, "card") else None
        return CardSerializer(card).data if card else None


class ReceiptSerializer(serializers.ModelSerializer):
    """A receipt with what it paid for."""

    collection_point = serializers.CharField(source="collection_point.code")
    collector = serializers.CharField(source="collector.code", allow_null=True, default=None)
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Receipt
        fields = ["id", "number", "receipt_date", "collection_point", "collector", "payer_name", "amount_paid",
                  "lines", "cancelled_at", "cancel_reason", "cancelled_lines"]

    @extend_schema_field(ReceiptLineSerializer(many=True))
    def get_lines(self, obj):
        """The contributions paid on this receipt."""
        return ReceiptLineSerializer(selectors.receipt_lines(obj), many=True).data


class RenewInputSerializer(PaymentInputSerializer):
    """A further period: months (3/6/12 for HI; voluntary SI uses its own method) and the payment."""

    months = serializers.IntegerField(min_value=1, max_value=12)


class CancelInputSerializer(serializers.Serializer):
    """Cancel a receipt entered by mistake."""

    reason = serializers.CharField(max_length=200)


class EndInputSerializer(serializers.Serializer):
    """Stop an enrollment."""

    on = serializers.DateField()
    reason = serializers.ChoiceField(choices=EndReason.choices)


class ContactSerializer(serializers.ModelSerializer):
    """A follow-up of an enrollment from the worklist and what came of it."""

    staff = serializers.CharField(source="staff.code", read_only=True, default=None)
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)

    class Meta:
        model = Contact
        fields = ["id", "enrollment", "day", "outcome", "promised_on", "reason", "note", "staff", "created_by",
                  "created_at"]
        read_only_fields = ["enrollment"]


class ExpiringCardSerializer(serializers.ModelSerializer):
    """A card in the collector's worklist, with what its household pays today to renew for 12 months and the
    reference a transfer for it carries (the VietQR code's)."""

    person = serializers.IntegerField(source="enrollment.person_id")
    person_name = serializers.CharField(source="enrollment.person.full_name")
    phone = serializers.SerializerMethodField(help_text="Masked on a list (the person's record has it whole).")
    household = serializers.CharField(source="enrollment.household.code", allow_null=True, default=None)
    enrollment = serializers.IntegerField(source="enrollment_id")
    household_due = serializers.SerializerMethodField(
        help_text="VND the household pays today to renew every member still enrolled for 12 months, after every "
                  "support; null when no quote can be made (a member the state now insures in full).")
    payment_reference = serializers.SerializerMethodField(
        help_text="ASH<household>T<mmyy>: the transfer reference matched when the bank statement is imported.")

    class Meta:
        model = HICard
        fields = ["id", "number", "valid_from", "valid_until", "person", "person_name", "phone", "household",
                  "enrollment", "household_due", "payment_reference"]

    def get_phone(self, card) -> str:
        return mask_id(card.enrollment.person.phone)

    def get_household_due(self, card) -> int | None:
        return self.context.get("household_due", {}).get(card.enrollment.household_id)

    def get_payment_reference(self, card) -> str | None:
        from ansinh.enrollment.payment_codes import household_reference

        household_id = card.enrollment.household_id
        return household_reference(household_id, self.context["today"]) if household_id else None


class LapsedCardSerializer(ExpiringCardSerializer):
    """A card that ended and was not renewed: the last day to renew it without breaking continuity."""

    renew_by = serializers.SerializerMethodField(help_text="Paid by this day, the new card is valid from the "
                                                           "payment day and the 5-year chain goes on.")

    class Meta(ExpiringCardSerializer.Meta):
        fields = [*ExpiringCardSerializer.Meta.fields, "renew_by"]

    def get_renew_by(self, card) -> dt.date:
        return continuity_deadline(card.valid_until, self.context["params"])


class EnrollNowSerializer(PaymentInputSerializer):
    """Enroll every registered member at once: months and the payment."""

    months = serializers.ChoiceField(choices=[3, 6, 12])


class HouseholdEnrollInputSerializer(PaymentInputSerializer):
    """Household HI for 3/6/12 months for some members (all when none are listed), and the payment."""

    members = serializers.ListField(child=serializers.IntegerField(), required=False,
                                    help_text="Person ids, in ladder order; empty = every member.")
    months = serializers.ChoiceField(choices=[3, 6, 12])


class HouseholdQuoteInputSerializer(serializers.Serializer):
    """What household HI would cost: members (all when none are listed), months and the payment date."""

    members = serializers.ListField(child=serializers.IntegerField(), required=False)
    months = serializers.ChoiceField(choices=[3, 6, 12])
    paid_on = serializers.DateField()


class VoluntarySIEnrollInputSerializer(PaymentInputSerializer):
    """Join voluntary SI: income, category, method (and months for a lump sum), and the first payment."""

    income = serializers.IntegerField(min_value=0)
    category = serializers.ChoiceField(choices=["poor", "near_poor", "ethnic_minority", "island", "other"])
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    months = serializers.IntegerField(min_value=1, required=False, default=1)


class VoluntarySIQuoteRequestSerializer(serializers.Serializer):
    """What voluntary SI would cost."""

    income = serializers.IntegerField(min_value=0)
    category = serializers.ChoiceField(choices=["poor", "near_poor", "ethnic_minority", "island", "other"])
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    months = serializers.IntegerField(min_value=1, required=False, default=1)
    paid_on = serializers.DateField()


class EnrolledSerializer(serializers.Serializer):
    """What an enrollment request created: the enrollments and the receipt."""

    receipt = serializers.IntegerField()
    receipt_number = serializers.CharField()
    amount_paid = serializers.IntegerField()
    enrollments = EnrollmentSerializer(many=True)


class HouseholdCreatedSerializer(serializers.Serializer):
    """A registered household, with what its enrollment created (when asked)."""

    household = HouseholdSerializer()
    enrolled = EnrolledSerializer(allow_null=True)


class ChangeSerializer(serializers.Serializer):
    """A change-log entry: who, when, what."""

    at = serializers.DateTimeField()
    user = serializers.CharField(allow_null=True)
    action = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    object_repr = serializers.CharField()
    changes = serializers.DictField()
class PersonHistorySerializer(PersonDetailSerializer):
    """A person with full identifiers and the history: enrollments, payments, cards."""

    enrollments = serializers.SerializerMethodField()
    contributions = serializers.SerializerMethodField()
    cards = serializers.SerializerMethodField()

    class Meta(PersonDetailSerializer.Meta):
        fields = [*PersonDetailSerializer.Meta.fields, "enrollments", "contributions", "cards"]

    @extend_schema_field(EnrollmentSerializer(many=True))
    def get_enrollments(self, obj):
        """Enrollments, newest first."""
        return EnrollmentSerializer(selectors.person_enrollments(obj), many=True).data

    @extend_schema_field(ContributionSerializer(many=True))
    def get_contributions(self, obj):
        """Payments, newest first."""
        return ContributionSerializer(selectors.person_contributions(obj), many=True).data

    @extend_schema_field(CardSerializer(many=True))
    def get_cards(self, obj):
        """HI cards, newest first."""
        return CardSerializer(selectors.person_cards(obj), many=True).data


class HouseholdJoinSerializer(HouseholdInputSerializer):
    """A household to register with its members; with `enroll`, they join household HI at once."""

    enroll = EnrollNowSerializer(required=False, help_text="Enroll every member in household HI at once.")
