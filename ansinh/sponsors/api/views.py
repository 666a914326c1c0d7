"""API of sponsors: sponsors and pledges of your area (the sponsor's unit or the beneficiaries'), the money handed
over, cards given to named people, paid and taken back.

Writes need `manage_sponsors` (paying a card: `pay` in the beneficiary's commune); an object outside your area is a
JSON 404; refusals come back as `{"error": {"code", "message", "field"}}` with a stable code.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ErrorSerializer, RoleChecked
from ansinh.core.scoping import Action, require
from ansinh.enrollment.api.serializers import payment_from
from ansinh.geo.choices import Era
from ansinh.network.selectors import unit_for
from ansinh.sponsors import selectors, services
from ansinh.sponsors.api import serializers as s

ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Refused: a stable code and a Vietnamese message."),
          403: OpenApiResponse(ErrorSerializer, description="Your role may not manage sponsors."),
          404: OpenApiResponse(ErrorSerializer, description="Not found, or outside your area.")}


@extend_schema_view(list=extend_schema(summary="Sponsors of your area", responses=s.SponsorListSerializer(many=True)),
                    retrieve=extend_schema(summary="One sponsor", responses={200: s.SponsorSerializer,
                                                                            404: ERRORS[404]}))
class SponsorViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Sponsors (mạnh thường quân) kept in your area or with a pledge to it."""

    write_actions = {"create": Action.MANAGE_SPONSORS}
    serializer_class = s.SponsorSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.sponsor_list(self.request.user)

    def get_serializer_class(self):
        return s.SponsorListSerializer if self.action == "list" else s.SponsorSerializer

    def get_object(self):
        return selectors.sponsor_get(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(summary="Register a sponsor", request=s.SponsorInputSerializer,
                   responses={201: s.SponsorSerializer, **ERRORS})
    def create(self, request):
        """Register a sponsor kept by a unit of your area."""
        data = s.SponsorInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        sponsor = services.sponsor_create(
            user=request.user, kind=d["kind"], name=d["name"], unit=unit_for(d["unit"], d.get("era") or Era.FROM_2025),
            **{k: d[k] for k in ("tax_code", "contact_name", "phone", "email", "address", "note") if k in d})
        return Response(s.SponsorSerializer(sponsor).data, status=status.HTTP_201_CREATED)


def _detail(pledge) -> dict:
    pledge.balance = selectors.pledge_balance(pledge)
    return s.PledgeDetailSerializer(pledge).data


@extend_schema_view(list=extend_schema(summary="Pledges of your area"),
                    retrieve=extend_schema(summary="One pledge with its balance",
                                           responses={200: s.PledgeDetailSerializer, 404: ERRORS[404]}))
class PledgeViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pledges to your area or of a sponsor kept in it; `?sponsor=<id>` for one sponsor's."""

    write_actions = {"create": Action.MANAGE_SPONSORS, "receive": Action.MANAGE_SPONSORS,
                     "give": Action.MANAGE_SPONSORS, "close": Action.MANAGE_SPONSORS}
    serializer_class = s.PledgeSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        rows = selectors.pledge_list(self.request.user)
        sponsor = self.request.query_params.get("sponsor")
        return rows if sponsor is None else rows.filter(sponsor_id=selectors.as_id(sponsor))

    def get_object(self):
        return selectors.pledge_get(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(parameters=[OpenApiParameter("sponsor", int, description="Only this sponsor's pledges.")])
    def list(self, request, *args, **kwargs):
        """Pledges, newest first."""
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        """A pledge with its balance."""
        return Response(_detail(self.get_object()))

    @extend_schema(summary="Record a pledge", request=s.PledgeInputSerializer,
                   responses={201: s.PledgeDetailSerializer, **ERRORS})
    def create(self, request):
        """Record a sponsor's pledge of money and/or cards to the beneficiaries of a unit of your area."""
        data = s.PledgeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        pledge = services.pledge_create(
            user=request.user, sponsor=selectors.sponsor_get(request.user, d["sponsor"]),
            unit=unit_for(d["unit"], d.get("era") or Era.FROM_2025), pledged_on=d["pledged_on"],
            beneficiaries=d["beneficiaries"], period_start=d["period_start"], period_end=d["period_end"],
            amount=d.get("amount"), cards=d.get("cards"), share=d.get("share") or "rest",
            fixed_amount=d.get("fixed_amount"), months=int(d.get("months") or 12), school=d.get("school", ""),
            note=d.get("note", ""))
        return Response(_detail(pledge), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Record money the sponsor handed over", request=s.ReceiveInputSerializer,
                   responses={201: s.PledgeDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        """Money received (a transfer's reference is recorded once per pledge)."""
        pledge = self.get_object()
        data = s.ReceiveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        services.pledge_receive(user=request.user, pledge=pledge, received_on=d["received_on"], amount=d["amount"],
                                reference=d.get("reference", ""))
        return Response(_detail(pledge), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Give cards to named people", request=s.GiveInputSerializer,
                   responses={201: s.GivenSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def give(self, request, pk=None):
        """Give cards to the people listed (ids), in order, each set aside the sponsor's share of their card; those
        who cannot be given one come back in `refused` with the code and the reason."""
        pledge = self.get_object()
        data = s.GiveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data["people"]
        found = {p.pk: p for p in selectors.person_list_for(request.user, ids)}
        missing = [i for i in ids if i not in found]
        given = services.cards_give(user=request.user, pledge=pledge, people=[found[i] for i in ids if i in found],
                                    on=timezone.localdate())
        refused = [{"person": p.pk, "code": str(e.code), "message": e.message} for p, e in given.refused]
        refused += [{"person": i, "code": "beneficiary_not_found", "message": "Không có người này trong địa bàn."}
                    for i in missing]
        cards = list(selectors.card_list(request.user).filter(pk__in=[c.pk for c in given.cards]).order_by("id"))
        return Response(s.GivenSerializer({"cards": cards, "refused": refused}).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="End a pledge today", request=None, responses={201: s.PledgeDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """No card is given or paid from the pledge after today; the cards not paid are taken back."""
        pledge = services.pledge_close(user=request.user, pledge=self.get_object(), on=timezone.localdate())
        return Response(_detail(pledge), status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Sponsored cards of your area",
                                       parameters=[OpenApiParameter("pledge", int, description="Of one pledge.")]),
                    retrieve=extend_schema(summary="One sponsored card", responses={200: s.SponsoredCardSerializer,
                                                                                   404: ERRORS[404]}))
class CardViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Beneficiaries given cards from pledges: paid, waiting or taken back."""

    write_actions = {"pay": Action.PAY, "release": Action.MANAGE_SPONSORS}
    serializer_class = s.SponsoredCardSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        rows = selectors.card_list(self.request.user).order_by("pledge_id", "allocated_on", "id")
        pledge = self.request.query_params.get("pledge")
        return rows if pledge is None else rows.filter(pledge_id=selectors.as_id(pledge))

    def get_object(self):
        return selectors.card_get(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(summary="Pay a sponsored card", request=s.CardPayInputSerializer,
                   responses={201: s.SponsoredCardSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        """Pay the beneficiary's household HI for the pledge's months: the sponsor's share taken off, the family's
        rest on the same receipt."""
        card = self.get_object()
        require(request.user, Action.PAY, card.commune.path, what="Người được hỗ trợ")
        data = s.CardPayInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        card = services.card_pay(user=request.user, card=card, payment=payment_from(data.validated_data, request.user))
        return Response(s.SponsoredCardSerializer(selectors.card_get(request.user, card.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Take a card back", request=s.ReleaseInputSerializer,
                   responses={201: s.SponsoredCardSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        """Take back a card not paid yet; its money goes back to the pledge."""
        card = self.get_object()
        data = s.ReleaseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.card_release(user=request.user, card=card, on=timezone.localdate(),
                              reason=data.validated_data["reason"])
        return Response(s.SponsoredCardSerializer(selectors.card_get(request.user, card.pk)).data,
                        status=status.HTTP_201_CREATED)
