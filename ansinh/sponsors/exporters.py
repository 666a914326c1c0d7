"""Documents of sponsors: a pledge's statement for its sponsor and the letter of thanks (PDF, in Vietnamese, with
the national header), and the list of pledges by unit for the steering committee (Excel).

The statement names beneficiaries by their initials, birth year and commune only: a sponsor is a third party, and
a pupil's name with her card and her family's hardship is personal data (Nghị định 13/2023/NĐ-CP on the
protection of personal data) that the sponsor needs no more of to see what its money paid.
"""

from django.http import HttpResponse
from django.utils import timezone

from ansinh.core import excel
from ansinh.core.pdf import render_pdf
from ansinh.sponsors import selectors
from ansinh.sponsors.choices import SponsorKind
from ansinh.sponsors.models import Pledge

PLEDGE_HEADER = ["Địa bàn", "Nhà tài trợ", "Cam kết", "Ngày cam kết", "Hỗ trợ cho", "Số tiền cam kết", "Số thẻ cam kết",
                 "Đã nhận", "Đã đóng thẻ", "Số thẻ đã đóng", "Chờ đóng", "Còn chưa phân bổ"]
PLEDGE_WIDTHS = [30, 34, 16, 12, 34, 16, 10, 16, 16, 10, 16, 16]


def masked_name(full_name: str) -> str:
    """A beneficiary's name for a third party: the first word whole, the others as initials ('Nguyễn Văn Bình' →
    'Nguyễn V. B.'; 'Y Thu' → 'Y T.')."""
    words = full_name.split()
    if len(words) <= 1:
        return f"{full_name[:1]}." if full_name else ""
    return " ".join([words[0], *(f"{w[0]}." for w in words[1:])])


def issuer(pledge: Pledge) -> tuple[str, str, str]:
    """Who issues the pledge's documents — the social-security office of the sponsor's province — as printed in
    the heading, as written in a sentence, and the place of the date line."""
    from ansinh.geo.models import Unit

    province = Unit.objects.filter(era=pledge.sponsor.unit.era, level="province",
                                   code=pledge.sponsor.province_code).first()
    if province is None:
        return "BẢO HIỂM XÃ HỘI VIỆT NAM", "Bảo hiểm xã hội Việt Nam", "Hà Nội"
    return (f"BẢO HIỂM XÃ HỘI {province.name}".upper(),
            f"Bảo hiểm xã hội {province.unit_type.lower()} {province.short_name}", province.short_name)


def _context(pledge: Pledge, user) -> dict:
    cards = [(c, selectors.card_state(c)) for c in selectors.pledge_cards(pledge)]
    paid = [c for c, state in cards if state == "paid"]
    return {"pledge": pledge, "sponsor": pledge.sponsor, "balance": selectors.pledge_balance(pledge),
            "receipts": list(pledge.receipts.all()), "today": timezone.localdate(),
            "paid": [{"name": masked_name(c.person.full_name), "born": c.person.date_of_birth.year,
                      "commune": c.commune.name, "contribution": c.contribution,
                      "card": getattr(c.contribution, "card", None)} for c in paid],
            "waiting": sum(1 for _c, state in cards if state == "waiting"), "user": user,
            "you": "Ông/Bà" if pledge.sponsor.kind == SponsorKind.PERSON else "Quý đơn vị",
            **dict(zip(("issuer", "issuer_name", "place"), issuer(pledge), strict=True))}


def statement_pdf(pledge: Pledge, *, user) -> bytes:
    """The statement of a pledge for its sponsor: pledged, received, each card paid (masked), what is left."""
    return render_pdf("sponsors/statement_pdf.html", _context(pledge, user))


def thanks_pdf(pledge: Pledge, *, user) -> bytes:
    """The letter of thanks for a pledge: what it gave, in cards and money."""
    return render_pdf("sponsors/thanks_pdf.html", _context(pledge, user))


def totals(rows: list[dict]) -> dict:
    """The sums of the list by unit: pledged money, received, paid, cards paid."""
    return {"amount": sum(r["pledge"].amount or 0 for r in rows), "cards": sum(r["pledge"].cards or 0 for r in rows),
            "received": sum(r["balance"].received for r in rows), "paid": sum(r["balance"].paid for r in rows),
            "cards_paid": sum(r["balance"].cards_paid for r in rows),
            "set_aside": sum(r["balance"].set_aside for r in rows),
            "left": sum(r["balance"].left or 0 for r in rows)}


def pledges_xlsx(rows: list[dict], *, user) -> HttpResponse:
    """The list of pledges by unit as an Excel workbook set up to print (A4 landscape, header repeated)."""
    book = excel.workbook()
    ws = book.active
    ws.title = "Nhà tài trợ"
    excel.put(ws, 1, 1, "DANH SÁCH CAM KẾT TÀI TRỢ THẺ BHYT THEO ĐỊA BÀN")
    excel.put(ws, 2, 1, f"Địa bàn: {user.scope_label} — lập ngày {timezone.localdate():%d/%m/%Y}")
    excel.header(ws, 4, PLEDGE_HEADER)
    r = 4
    for row in rows:
        p, b = row["pledge"], row["balance"]
        r += 1
        values = [p.unit.name, p.sponsor.name, p.code + (f" (kết thúc {p.closed_on:%d/%m/%Y})" if p.closed_on else ""),
                  p.pledged_on, p.get_beneficiaries_display() +
                  (f" — {p.school}" if p.school else ""), p.amount, p.cards, b.received, b.paid, b.cards_paid,
                  b.set_aside, b.left]
        for c, value in enumerate(values, start=1):
            excel.put(ws, r, c, "" if value is None else value,
                      number_format="d/m/yyyy" if c == 4 else "#,##0" if c >= 6 and value is not None else None)
    t = totals(rows)
    r += 1
    for c, value in ((1, "Cộng"), (6, t["amount"]), (7, t["cards"]), (8, t["received"]), (9, t["paid"]),
                     (10, t["cards_paid"]), (11, t["set_aside"]), (12, t["left"])):
        excel.put(ws, r, c, value, number_format="#,##0" if c > 1 else None)
    excel.column_widths(ws, PLEDGE_WIDTHS)
    ws.freeze_panes = "C5"
    excel.print_setup(ws, repeat_rows="4:4")
    response = HttpResponse(excel.to_bytes(book),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="cam-ket-tai-tro.xlsx"'
    return response
