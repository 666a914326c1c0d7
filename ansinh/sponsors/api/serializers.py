"""Serializers of sponsors: sponsors, pledges with their balance, money received, sponsored cards, and the input to
add them. Units are given by GSO code (`era`: `2025` for the 34 provinces from 1/7/2025, `pre2025` before; default
`2025`); people by id; amounts are whole đồng."""

from rest_framework import serializers

from ansinh.enrollment.api.serializers import PaymentInputSerializer
from ansinh.geo.choices import Era
from ansinh.sponsors.choices import Beneficiaries, Share, SponsorKind
from ansinh.sponsors.models import Pledge, PledgeReceipt, Sponsor, SponsoredCard
from ansinh.sponsors.selectors import card_state

MAX_ID = 2**63 - 1

class SponsorSerializer(serializers.ModelSerializer):
    """A sponsor."""

    unit = serializers.CharField(source="unit.code")
    era = serializers.CharField(source="unit.era")

    class Meta:
        model = Sponsor
        fields = ["id", "kind", "name", "tax_code", "contact_name", "phone", "email", "address", "unit", "era",
                  "province_code", "note"]


class SponsorListSerializer(SponsorSerializer):
    """A sponsor as listed: phone and e-mail masked (a person's contact is personal data; the detail shows them)."""

    phone = serializers.SerializerMethodField(help_text="The last 4 digits only.")
    email = serializers.SerializerMethodField(help_text="The first letter and the domain only.")

    def get_phone(self, sponsor) -> str:
        from ansinh.core.text import mask

        return mask(sponsor.phone)

    def get_email(self, sponsor) -> str:
        name, _, domain = sponsor.email.partition("@")
        return f"{name[:1]}***@{domain}" if domain else ""


class SponsorInputSerializer(serializers.Serializer):
    """A new sponsor."""

    kind = serializers.ChoiceField(choices=SponsorKind.choices)
    name = serializers.CharField(max_length=200)
    unit = serializers.CharField(max_length=5, help_text="GSO code of the unit that keeps the sponsor.")
    era = serializers.ChoiceField(choices=Era.choices, required=False, help_text="Structure of the unit code.")
    tax_code = serializers.CharField(max_length=14, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=15, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=100, required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class BalanceSerializer(serializers.Serializer):
    """A pledge's money and cards (đồng; null where the pledge does not count money, or cards)."""

    pledged = serializers.IntegerField(allow_null=True)
    pledged_cards = serializers.IntegerField(allow_null=True)
    received = serializers.IntegerField(help_text="Money the sponsor handed over.")
    set_aside = serializers.IntegerField(help_text="Set aside for cards given and not paid yet.")
    paid = serializers.IntegerField(help_text="The sponsor's share of the cards paid.")
    cards_paid = serializers.IntegerField()
    cards_waiting = serializers.IntegerField()
    unspent = serializers.IntegerField(help_text="Received and not paid out.")
    left = serializers.IntegerField(allow_null=True, help_text="Pledged money not yet given to a beneficiary.")
    cards_left = serializers.IntegerField(allow_null=True)
    still_due = serializers.IntegerField(help_text="Money still to come for the cards given.")


class PledgeSerializer(serializers.ModelSerializer):
    """A pledge."""

    code = serializers.CharField(read_only=True)
    months = serializers.IntegerField(help_text="Months of each card.")
    sponsor = serializers.IntegerField(source="sponsor_id")
    unit = serializers.CharField(source="unit.code")
    era = serializers.CharField(source="unit.era")

    class Meta:
        model = Pledge
        fields = ["id", "code", "sponsor", "unit", "era", "province_code", "pledged_on", "beneficiaries", "school",
                  "amount", "cards", "share", "fixed_amount", "months", "period_start", "period_end", "closed_on",
                  "note"]


class PledgeDetailSerializer(PledgeSerializer):
    """A pledge with its balance."""

    balance = BalanceSerializer(read_only=True)

    class Meta(PledgeSerializer.Meta):
        fields = [*PledgeSerializer.Meta.fields, "balance"]


class PledgeInputSerializer(serializers.Serializer):
    """A new pledge of a sponsor to the beneficiaries of a unit."""

    sponsor = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Id of the sponsor.")
    unit = serializers.CharField(max_length=5, help_text="GSO code of the beneficiaries' unit.")
    era = serializers.ChoiceField(choices=Era.choices, required=False)
    pledged_on = serializers.DateField()
    beneficiaries = serializers.ChoiceField(choices=Beneficiaries.choices)
    school = serializers.CharField(max_length=200, required=False, allow_blank=True)
    amount = serializers.IntegerField(min_value=1, max_value=10**13, required=False, allow_null=True)
    cards = serializers.IntegerField(min_value=1, max_value=100_000, required=False, allow_null=True)
    share = serializers.ChoiceField(choices=Share.choices, required=False)
    fixed_amount = serializers.IntegerField(min_value=1, max_value=10**13, required=False, allow_null=True)
    months = serializers.ChoiceField(choices=[3, 6, 12], required=False, help_text="Months of each card (12).")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class PledgeReceiptSerializer(serializers.ModelSerializer):
    """Money handed over for a pledge."""

    class Meta:
        model = PledgeReceipt
        fields = ["id", "received_on", "amount", "reference"]


class ReceiveInputSerializer(serializers.Serializer):
    """Money the sponsor handed over."""

    received_on = serializers.DateField()
    amount = serializers.IntegerField(min_value=1, max_value=10**13)
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True)


class SponsoredCardSerializer(serializers.ModelSerializer):
    """A beneficiary given a card from a pledge (the ID number masked)."""

    state = serializers.SerializerMethodField(help_text="paid, waiting or released.")
    person_name = serializers.CharField(source="person.full_name")
    citizen_id = serializers.SerializerMethodField(help_text="The last 4 digits only.")
    commune = serializers.CharField(source="commune.code")
    sponsor_paid = serializers.SerializerMethodField(help_text="What the pledge paid (đồng), once paid.")
    receipt = serializers.CharField(source="receipt.number", allow_null=True, default=None)

    class Meta:
        model = SponsoredCard
        fields = ["id", "pledge", "person", "person_name", "citizen_id", "commune", "allocated_on", "amount", "state",
                  "sponsor_paid", "receipt", "released_on", "release_reason"]

    def get_state(self, card) -> str:
        return card_state(card)

    def get_citizen_id(self, card) -> str:
        from ansinh.core.text import mask

        return mask(card.person.citizen_id)

    def get_sponsor_paid(self, card) -> int | None:
        return card.contribution.sponsor_support if card.contribution_id else None


class GiveInputSerializer(serializers.Serializer):
    """People to give cards to, in order (the last may get part of a card)."""

    people = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1,
                                   max_length=500, help_text="Ids of people (at most 500).")


class RefusedSerializer(serializers.Serializer):
    """A person who could not be given a card, and why."""

    person = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()


class GivenSerializer(serializers.Serializer):
    """The cards given and the people refused."""

    cards = SponsoredCardSerializer(many=True)
    refused = RefusedSerializer(many=True)


class ReleaseInputSerializer(serializers.Serializer):
    """Why a card is taken back."""

    reason = serializers.CharField(max_length=200)


class CardPayInputSerializer(PaymentInputSerializer):
    """Where and when the card was paid (the months are the pledge's)."""
