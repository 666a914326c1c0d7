"""Admin of sponsors: read what the pages write (sponsors, pledges, money received, sponsored cards)."""

from django.contrib import admin

from ansinh.sponsors.models import Pledge, PledgeReceipt, Sponsor, SponsoredCard


@admin.register(Sponsor)
class SponsorAdmin(admin.ModelAdmin):
    """Sponsors."""

    list_display = ["name", "kind", "unit", "tax_code"]
    search_fields = ["name", "tax_code"]
    raw_id_fields = ["unit"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    """Pledges."""

    list_display = ["id", "sponsor", "unit", "pledged_on", "beneficiaries", "amount", "cards", "closed_on"]
    raw_id_fields = ["sponsor", "unit"]


@admin.register(PledgeReceipt)
class PledgeReceiptAdmin(admin.ModelAdmin):
    """Money received for pledges."""

    list_display = ["pledge", "received_on", "amount", "reference"]
    raw_id_fields = ["pledge"]


@admin.register(SponsoredCard)
class SponsoredCardAdmin(admin.ModelAdmin):
    """Cards given from pledges."""

    list_display = ["pledge", "person", "allocated_on", "amount", "contribution", "released_on"]
    raw_id_fields = ["pledge", "person", "commune", "contribution", "receipt"]
