"""Printing at the counter: the receipt (biên lai) on one A5 page and on an 80 mm thermal roll, and the
declaration TK1-TS (QĐ 505/QĐ-BHXH, amended by QĐ 490/QĐ-BHXH) pre-filled from a person's record, each as a
page to print from the browser and as a PDF.

The paper layouts live in static CSS files (`enrollment/receipt-a5.css`, `receipt-80mm.css`, `tk1-ts.css`): the
pages link them, the PDFs carry the same text inline, so the browser's print and WeasyPrint lay out one design.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache, wraps
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from ansinh.core.pdf import render_pdf
from ansinh.enrollment import quotes, selectors
from ansinh.enrollment.choices import EnrollmentStatus, Scheme
from ansinh.enrollment.services import receipt_may_cancel
from ansinh.enrollment.words import vnd_in_words
from ansinh.geo.selectors import unit_ancestors, unit_successors
from ansinh.registry.choices import Relation
from ansinh.registry.selectors import person_get
from ansinh.rules.dates import full_years

STATIC = Path(__file__).resolve().parent / "static" / "enrollment"
ROLL_WIDTH_MM = 80
ROLL_PROBE_MM = 3000  # the first layout of a roll: tall enough for any receipt, then cut to what it holds
PX_TO_MM = 25.4 / 96
ADULT_AGE = 18


def paper_css(name: str) -> str:
    """The text of a paper stylesheet, to put inline in a PDF (WeasyPrint renders from a string, with no URL);
    read again when the file changes."""
    path = STATIC / name
    return _read(path, path.stat().st_mtime_ns)


@cache
def _read(path: Path, _version: int) -> str:
    return path.read_text(encoding="utf-8")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# ------------------------------------------------------------------------------------------------ receipts

@dataclass
class ReceiptLine:
    """One contribution as the receipt prints it: the row, how its amount was computed, the laws it cites."""

    contribution: object
    reasons: list[str] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)

    @property
    def support(self) -> int:
        c = self.contribution
        return c.state_support + c.local_support + c.sponsor_support


def _short_reason(reason: str, member: int | None) -> str:
    """A household member's reason without its 'Thành viên thứ 2 (Kim Thị Hoa): ' lead (the row names them)."""
    lead, sep, rest = reason.partition(": ")
    return rest if sep and member is not None and lead else reason


def _own_quote_lines(group: list, index: int, contribution) -> list:
    """The lines of a stored Quote that belong to one of the contributions written from it.

    A household's receipt stores one Quote on every member's contribution, written in the Quote's member order
    (so in id order); a renewal of one member stores a Quote of ranks 1…n whose last member is theirs; a
    voluntary-SI Quote has no members and belongs wholly to its one contribution.
    """
    lines = quotes.quote_lines(contribution.quote) if (contribution.quote or {}).get("lines") else []
    positions = sorted({x.member for x in lines if x.member is not None})
    if not positions:
        return lines
    if len(group) == len(positions):
        position = positions[index]
    else:
        position = contribution.enrollment.member_rank or positions[-1]
    return [x for x in lines if x.member == position]


def _explain(contributions: list) -> tuple[list[ReceiptLine], list[str]]:
    """Each contribution with the reasons of its amount, and the legal references cited, numbered once."""
    groups: dict[str, list] = {}
    for contribution in contributions:
        groups.setdefault(json.dumps(contribution.quote, sort_keys=True), []).append(contribution)
    own = {}
    for group in groups.values():
        group.sort(key=lambda c: c.pk)
        for index, contribution in enumerate(group):
            own[contribution.pk] = _own_quote_lines(group, index, contribution)
    refs: list[str] = []
    rows = []
    for contribution in contributions:
        row = ReceiptLine(contribution)
        for line in own[contribution.pk]:
            row.reasons.append(_short_reason(line.reason, line.member))
            if line.legal_ref:
                if line.legal_ref not in refs:
                    refs.append(line.legal_ref)
                number = refs.index(line.legal_ref) + 1
                if number not in row.refs:
                    row.refs.append(number)
        rows.append(row)
    return rows, refs


def _receipt_context(request, pk: int) -> dict:
    """What every receipt layout prints: the receipt, its lines explained, the totals, the amount in words."""
    receipt = selectors.receipt_get(user=request.user, pk=pk)
    lines = list(selectors.receipt_lines(receipt))
    rows, refs = _explain(lines)
    totals = {name: sum(getattr(c, name) for c in lines)
              for name in ("amount_due", "state_support", "local_support", "sponsor_support", "amount_paid")}
    totals["support"] = totals["state_support"] + totals["local_support"] + totals["sponsor_support"]
    first = lines[0].enrollment.person if lines else None
    from ansinh.enrollment.payment_codes import next_payment_code

    next_code = next_payment_code(lines[0], on=timezone.localdate()) if lines else None
    transfer = getattr(receipt, "bank_transfer", None)  # a reverse one-to-one: None when it was paid at the counter
    return {"receipt": receipt, "lines": lines, "next_code": next_code, "transfer": transfer, "rows": rows,
            "refs": refs, "totals": totals,
            "payer_address": ", ".join(x for x in (first.address if first else "", receipt.commune.name) if x),
            "in_words": vnd_in_words(receipt.amount_paid), "printed_at": timezone.localtime(),
            "paper_css": paper_css("receipt-a5.css")}


def _roll_pdf(template: str, context: dict) -> bytes:
    """A PDF one roll wide and exactly as long as the receipt: laid out once on a long page to find where the
    receipt ends (the `roll-end` anchor), then rendered at that length, so a thermal printer feeds no blank paper.
    """
    from weasyprint import HTML  # imported here: needs Pango, only for PDF builds

    probe = HTML(string=render_to_string(template, {**context, "roll_height_mm": ROLL_PROBE_MM})).render()
    y = probe.pages[-1].anchors["roll-end"][1]  # (x, y[, x2, y2]) in CSS px from the page's top
    height = (len(probe.pages) - 1) * ROLL_PROBE_MM + y * PX_TO_MM
    return render_pdf(template, {**context, "roll_height_mm": f"{height + 1:.1f}"})


def _not_cancelled(view):
    """A print layout of a receipt; a cancelled receipt is shown on its page only, marked cancelled."""
    @wraps(view)
    def wrapped(request, pk: int):
        if selectors.receipt_get(user=request.user, pk=pk).cancelled:
            return redirect("enrollment:receipt-detail", pk=pk)
        return view(request, pk)
    return wrapped


def _cancelled_lines(receipt) -> list[dict]:
    return [{**line, "period_start": dt.date.fromisoformat(line["period_start"]),
             "period_end": dt.date.fromisoformat(line["period_end"])} for line in receipt.cancelled_lines]


@login_required
def receipt_detail(request, pk: int):
    """A receipt to print (A5, from the browser): who paid what, for whom, for which period, and why that amount;
    a cancelled receipt shows what it had paid, why, by whom and when it was cancelled."""
    receipt = selectors.receipt_get(user=request.user, pk=pk)
    if receipt.cancelled:
        return render(request, "enrollment/receipt_cancelled.html",
                      {"receipt": receipt, "lines": _cancelled_lines(receipt)})
    context = _receipt_context(request, pk)
    context["may_cancel"] = receipt_may_cancel(request.user, context["receipt"])
    return render(request, "enrollment/receipt.html", context)


@login_required
@_not_cancelled
def receipt_pdf(request, pk: int):
    """The A5 receipt as a PDF file."""
    context = _receipt_context(request, pk)
    pdf = render_pdf("enrollment/receipt_pdf.html", context)
    return _pdf_response(pdf, f"bien-lai-{context['receipt'].number}.pdf")


@login_required
@_not_cancelled
def receipt_80mm(request, pk: int):
    """The receipt for an 80 mm thermal printer: a narrow continuous slip, printed from the browser."""
    context = _receipt_context(request, pk)
    return render(request, "enrollment/receipt_80mm.html", context)


@login_required
@_not_cancelled
def receipt_80mm_pdf(request, pk: int):
    """The 80 mm receipt as a PDF, 80 mm wide and as long as its content."""
    context = _receipt_context(request, pk)
    pdf = _roll_pdf("enrollment/receipt_80mm_pdf.html", {**context, "roll_css": paper_css("receipt-80mm.css")})
    return _pdf_response(pdf, f"bien-lai-{context['receipt'].number}-80mm.pdf")


# ---------------------------------------------------------------------------------------------- TK1-TS

@dataclass
class Place:
    """A residence as the form writes it: street or hamlet, commune, district (old structure only), province."""

    street: str = ""
    commune: str = ""
    district: str = ""
    province: str = ""
    now: str = ""  # for a commune of before 1/7/2025: the commune of today it went into, with its province
    now_commune: str = ""


def _place(unit, street: str = "") -> Place:
    if unit is None:
        return Place(street=street)
    chain = unit_ancestors(unit)
    place = Place(street=street, commune=unit.name,
                  district=next((u.name for u in chain if u.level == "district"), ""),
                  province=next((u.name for u in chain if u.level == "province"), ""))
    if not unit.is_current:
        successors = unit_successors(unit)
        if len(successors) == 1 and not successors[0].partly:
            new = successors[0].new
            place.now_commune = new.name
            place.now = ", ".join(u.name for u in (new, *reversed(unit_ancestors(new))) if u.level != "nation")
    return place


def _declaration_context(request, pk: int) -> dict:
    """TK1-TS pre-filled from a person's record; the household's members in its appendix."""
    person = person_get(user=request.user, pk=pk)
    today = timezone.localdate()
    enrollments = [e for e in selectors.person_enrollments(person) if e.status == EnrollmentStatus.ACTIVE]
    vsi = next((e for e in enrollments if e.scheme == Scheme.VOLUNTARY_SI), None)
    hi = next((e for e in enrollments if e.scheme == Scheme.HOUSEHOLD_HI), None)
    household = person.household
    members = []
    if household is not None:
        members = sorted(household.members.select_related("commune"),
                         key=lambda m: (m.relation != Relation.HEAD, m.pk))
    head = household.head if household is not None else None
    address = _place(person.commune, person.address)
    return {
        "person": person, "household": household, "members": members, "head": head, "address": address,
        "household_address": _place(household.commune, household.address) if household is not None else None,
        "nationality": "Việt Nam" if person.citizen_id else "",
        "vsi": vsi, "hi": hi, "method": vsi or hi,
        "signer": person.full_name if full_years(person.date_of_birth, today) >= ADULT_AGE else "",
        "place_name": address.now_commune or address.commune,
        "blank_rows": range(max(2, 8 - len(members))) if household is not None else range(0),
        "printed_at": timezone.localtime(), "paper_css": paper_css("tk1-ts.css"),
    }


@login_required
def declaration(request, pk: int):
    """TK1-TS for a person, pre-filled, to print and sign (empty items stay dotted, to fill by hand)."""
    return render(request, "enrollment/declaration.html", _declaration_context(request, pk))


@login_required
def declaration_pdf(request, pk: int):
    """TK1-TS as an A4 PDF."""
    context = _declaration_context(request, pk)
    pdf = render_pdf("enrollment/declaration_pdf.html", context)
    return _pdf_response(pdf, f"TK1-TS-{context['person'].pk}.pdf")
