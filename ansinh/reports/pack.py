"""The steering committee's report pack for a unit and date: the figures as plain data, then PDF and Excel.

The same data feeds the PDF (WeasyPrint, via `ansinh.core.pdf.render_pdf`) and the Excel workbook
(openpyxl), in Vietnamese: indicators, plans and achievement, comparisons, lagging sub-units, the
campaigns of the period with the participants they recruited, and blank space for the tasks decided.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from ansinh.campaigns.models import Campaign, RecruitCount
from ansinh.core import excel
from ansinh.core.formats import vn_date, vn_decimal, vn_int
from ansinh.core.pdf import NATION_HEADING
from ansinh.enrollment.choices import Scheme
from ansinh.geo.choices import Level
from ansinh.geo.models import Unit
from ansinh.plans.choices import Indicator
from ansinh.reports.indicators import CoverageReport, IndicatorRow, coverage_report
from ansinh.sponsors.selectors import pledges_by_unit

LAGGING_LIMIT = 10
TASK_LINES = 6
SCHEME_COLUMNS = (Scheme.VOLUNTARY_SI, Scheme.HOUSEHOLD_HI, Scheme.HI_GROUP)


@dataclass
class CampaignResult:
    """A campaign overlapping the period and the new participants it recruited in the unit during the period."""

    campaign: Campaign
    recruited: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All new participants."""
        return sum(self.recruited.values())


@dataclass
class Pack:
    """Everything the PDF and the workbook show."""

    report: CoverageReport
    period_start: dt.date
    campaigns: list[CampaignResult]
    lagging: list
    sponsors: list = field(default_factory=list)

    @property
    def title(self) -> str:
        """The report's title."""
        return f"Kết quả thực hiện chính sách BHXH, BHYT — {self.report.unit.name}"

    @property
    def period_label(self) -> str:
        """'Từ 1/1/2023 đến 31/8/2023'."""
        return f"Từ {vn_date(self.period_start)} đến {vn_date(self.report.on)}"

    @property
    def issuer(self) -> list[str]:
        """The issuing body as the heading's left column writes it (upper case, two lines)."""
        unit = self.report.unit
        if unit.level == Level.NATION:
            return ["BẢO HIỂM XÃ HỘI VIỆT NAM", "BAN CHỈ ĐẠO THỰC HIỆN CHÍNH SÁCH BHXH, BHYT"]
        return ["BAN CHỈ ĐẠO THỰC HIỆN CHÍNH SÁCH BHXH, BHYT", unit.name.upper()]

    @property
    def place(self) -> str:
        """The place of the date line: the unit's province ('Trà Vinh'), Hà Nội for the nation."""
        unit = self.report.unit
        while unit is not None and unit.level not in (Level.PROVINCE, Level.NATION):
            unit = unit.parent
        if unit is None or unit.level == Level.NATION:
            return "Hà Nội"
        return unit.short_name or unit.name


NUMBER_LINE = "Số: ……/BC-BCĐ"
DATE_LINE = "{place}, ngày …… tháng …… năm ……"
RECIPIENTS = ("Nơi nhận:", "- Thành viên Ban Chỉ đạo;", "- Lưu: VT.")
SIGNATURE = ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "(Ký, ghi rõ họ tên, đóng dấu)")


def campaign_results(*, user, unit: Unit, start: dt.date, end: dt.date) -> list[CampaignResult]:
    """Campaigns overlapping the period and their recruits in the unit's subtree (from RecruitCount)."""
    campaigns = Campaign.objects.restrict(user).filter(start_date__lte=end, end_date__gte=start)
    if unit.level != Level.NATION:
        campaigns = campaigns.filter(Q(area__path="") | Q(area__path__startswith=unit.path)
                                     | Q(area__level=Level.NATION) | _ancestors_q(unit))
    counts = RecruitCount.objects.filter(campaign__in=campaigns, day__gte=start, day__lte=end)
    if unit.level != Level.NATION:
        counts = counts.filter(unit__path__startswith=unit.path)
    by_campaign: dict[int, dict[str, int]] = {}
    for row in counts.values("campaign_id", "scheme").annotate(n=Sum("count")).order_by():
        by_campaign.setdefault(row["campaign_id"], {})[row["scheme"]] = row["n"]
    return [CampaignResult(c, by_campaign.get(c.pk, {})) for c in campaigns.select_related("area")
            .order_by("start_date", "name")]


def _ancestors_q(unit: Unit) -> Q:
    paths, path = [], unit.path
    parts = [p for p in path.split("/") if p]
    for i in range(2, len(parts)):
        paths.append("/".join(parts[:i]) + "/")
    return Q(area__path__in=paths)


def pack_build(*, user, unit: Unit, on: dt.date, period_start: dt.date | None = None, structure: str = "as_of"
               ) -> Pack:
    """Gather the pack's figures (scoped to the user's area)."""
    report = coverage_report(user=user, unit=unit, on=on, structure=structure)
    start = period_start or dt.date(on.year, 1, 1)
    lagging = [c for c in report.ranked_children(Indicator.HI_COVERAGE) if c.row(Indicator.HI_COVERAGE).value
               is not None or c.row(Indicator.VOLUNTARY_SI).value is not None][:LAGGING_LIMIT]
    return Pack(report=report, period_start=start,
                campaigns=campaign_results(user=user, unit=report.unit, start=start, end=on), lagging=lagging,
                sponsors=pledges_by_unit(user, unit=report.unit, on=on))


# --- shared text ----------------------------------------------------------------------------------

def value_text(row: IndicatorRow, value) -> str:
    """A value of the row's kind in Vietnamese format."""
    if value is None:
        return "—"
    return f"{vn_decimal(value)}%" if row.is_rate else vn_int(value)


def change_text(row: IndicatorRow, value, *, percent_for_counts: bool) -> str:
    """'+2,77%', '+2.578 người' or '+6,23 điểm'."""
    if value is None:
        return "—"
    sign = "+" if value >= 0 else ""
    if row.is_rate:
        return f"{sign}{vn_decimal(value)} điểm"
    if percent_for_counts:
        return f"{sign}{vn_decimal(value)}%"
    return f"{sign}{vn_int(value)} người"


def origin_text(row: IndicatorRow) -> str:
    """Short source label."""
    return {"records": "Hồ sơ ansinh", "reported": "Số liệu báo cáo",
            "baseline": "Số báo cáo + biến động ghi nhận trong ansinh"}.get(row.origin or "", "Chưa có số liệu")


def pdf_bytes(pack: Pack) -> bytes:
    """The pack as a PDF (A4)."""
    from ansinh.core.pdf import render_pdf

    return render_pdf("reports/pack_pdf.html", {"pack": pack, "report": pack.report, "nation": NATION_HEADING,
                                                 "number_line": NUMBER_LINE,
                                                 "date_line": DATE_LINE.format(place=pack.place),
                                                 "recipients": RECIPIENTS, "signature": SIGNATURE,
                                                 "rows": list(pack.report.own.rows.values()),
                                                 "task_lines": range(TASK_LINES),
                                                 "schemes": [Scheme(s).label for s in SCHEME_COLUMNS],
                                                 "campaign_rows": [(c, [c.recruited.get(s, 0) for s in SCHEME_COLUMNS])
                                                                   for c in pack.campaigns]})


# --- Excel ----------------------------------------------------------------------------------------

def xlsx_bytes(pack: Pack) -> bytes:
    """The pack as an Excel workbook: one sheet per part, numbers as numbers (rates in %, 2 decimals)."""
    report = pack.report
    book = excel.workbook()

    def header(sheet, title: str, columns: list[str]):
        excel.put(sheet, 1, 1, title, font=excel.TITLE)
        excel.put(sheet, 2, 1, f"{report.unit.name} — tính đến {vn_date(report.on)} ({pack.period_label.lower()})")
        excel.header(sheet, 4, columns, filled=False)
        excel.print_setup(sheet, repeat_rows="4:4")
        sheet.freeze_panes = "B5"

    def number(cell, row: IndicatorRow | None = None, rate: bool = False):
        cell.number_format = excel.RATE if (rate or (row is not None and row.is_rate)) else excel.INT

    def num(value):
        return None if value is None else float(value) if hasattr(value, "as_tuple") else value

    cover = book.active
    cover.title = "Báo cáo"
    _cover(cover, pack)
    sheet = book.create_sheet("Chỉ tiêu")
    header(sheet, "I. KẾT QUẢ CÁC CHỈ TIÊU", ["Chỉ tiêu", "Kết quả", "Đơn vị tính", "Số người tham gia",
                                              "Mẫu số", "Năm mẫu số", "Nguồn mẫu số",
                                              f"Cùng kỳ {vn_date(report.comparisons['same_day_last_year'])}",
                                              "Tăng/giảm so cùng kỳ (% hoặc điểm)",
                                              f"Cuối năm {report.comparisons['end_of_last_year'].year}",
                                              "Tăng/giảm so cuối năm (người hoặc điểm)", "Nguồn số liệu", "Ghi chú"])
    for row in report.own.rows.values():
        excel.append(sheet, [row.label, num(row.value), "%" if row.is_rate else ("đồng" if row.indicator == "revenue"
                                                                            else "người"),
                      num(row.count.value) if row.is_rate and row.count and row.count.known else None,
                      row.denominator.value if row.denominator else None,
                      row.denominator.year if row.denominator else None,
                      row.denominator.source if row.denominator else "",
                      num(row.last_year), num(row.change_yoy), num(row.year_end), num(row.change_since_year_end),
                      " — ".join(x for x in (row.count.composition if row.count else "", row.reason, row.source) if x),
                      " ".join(row.notes)])
        r = sheet.max_row
        for col in (2, 8, 10):
            number(sheet.cell(r, col), row)
        number(sheet.cell(r, 4))
        number(sheet.cell(r, 5))
        number(sheet.cell(r, 9), rate=True)
        number(sheet.cell(r, 11), row)

    plans = book.create_sheet("Kế hoạch")
    header(plans, "II. SO VỚI KẾ HOẠCH", ["Chỉ tiêu", "Cơ quan giao", "Kỳ", "Kế hoạch", "Kết quả", "% kế hoạch",
                                          "Chênh lệch (điểm)", "Chênh lệch (người)", "Cần thêm (người)",
                                          "Văn bản, nguồn", "Ghi chú"])
    for row in report.own.rows.values():
        for t in row.targets:
            excel.append(plans, [row.label, t.plan.get_authority_display(), t.plan.get_period_display(),
                                 num(t.plan.value), num(row.value), num(t.pct_of_plan), num(t.gap_points), t.gap,
                                 t.needed, " ".join(x for x in (t.plan.document, t.plan.source) if x), t.plan.note])
            r = plans.max_row
            number(plans.cell(r, 4), row)
            number(plans.cell(r, 5), row)
            number(plans.cell(r, 6), rate=True)
            number(plans.cell(r, 7), rate=True)
            for col in (8, 9):
                number(plans.cell(r, col))

    lag = book.create_sheet("Đơn vị chậm")
    header(lag, "III. ĐƠN VỊ CẤP DƯỚI CHẬM TIẾN ĐỘ (BHYT)", ["STT", "Mã", "Đơn vị", "Bao phủ BHYT (%)",
                                                            "% kế hoạch thấp nhất", "Tham gia BHXH tự nguyện",
                                                            "Tham gia BHYT hộ gia đình"])
    for i, child in enumerate(pack.lagging, start=1):
        hi = child.row(Indicator.HI_COVERAGE)
        excel.append(lag, [i, child.unit.code, child.unit.name, num(hi.value), num(hi.worst_pct),
                    num(child.row(Indicator.VOLUNTARY_SI).value), num(child.row(Indicator.HOUSEHOLD_HI).value)])
        r = lag.max_row
        number(lag.cell(r, 4), rate=True)
        number(lag.cell(r, 5), rate=True)

    camp = book.create_sheet("Chiến dịch")
    header(camp, "IV. KẾT QUẢ CÁC ĐỢT RA QUÂN, CHIẾN DỊCH TRONG KỲ",
           ["Chiến dịch", "Từ ngày", "Đến ngày", *[Scheme(s).label for s in SCHEME_COLUMNS], "Tổng người mới"])
    for result in pack.campaigns:
        excel.append(camp, [result.campaign.name, vn_date(result.campaign.start_date),
                            vn_date(result.campaign.end_date), *[result.recruited.get(s, 0) for s in SCHEME_COLUMNS],
                            result.total])

    gifts = book.create_sheet("Nhà tài trợ")
    header(gifts, "V. HUY ĐỘNG NHÀ TÀI TRỢ ĐÓNG BHYT", ["Địa bàn", "Nhà tài trợ", "Cam kết", "Hỗ trợ cho",
                                                       "Số tiền cam kết", "Số thẻ cam kết", "Đã nhận",
                                                       "Số thẻ đã đóng", "Tiền tài trợ đã đóng thẻ"])
    for row in pack.sponsors:
        p, b = row["pledge"], row["balance"]
        excel.append(gifts, [p.unit.name, p.sponsor.name, p.code, p.for_whom, p.amount, p.cards, b.received,
                             b.cards_paid, b.paid])
        for col in (5, 6, 7, 8, 9):
            number(gifts.cell(gifts.max_row, col))

    tasks = book.create_sheet("Nhiệm vụ")
    header(tasks, "VI. NHIỆM VỤ, GIẢI PHÁP ĐÃ THỐNG NHẤT", ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"])
    for i in range(1, TASK_LINES + 1):
        excel.append(tasks, [i, "", "", ""])

    for ws in book.worksheets[1:]:
        excel.column_widths(ws, (34, 16, 16, 16, 16, 14, 30, 16, 16, 16, 16, 40, 50))
    return excel.to_bytes(book)


def _cover(ws, pack: Pack) -> None:
    """The first sheet: the heading of an official report (issuing body and number on the left, the national
    heading and the place and date line on the right), its title, and the signature block."""
    report = pack.report
    left, right = 1, 4
    for i, text in enumerate(pack.issuer, start=1):
        excel.put(ws, i, left, text, font=excel.BOLD)
    excel.put(ws, 4, left, NUMBER_LINE)
    excel.put(ws, 1, right, NATION_HEADING[0], font=excel.BOLD)
    excel.put(ws, 2, right, NATION_HEADING[1], font=excel.BOLD_UNDERLINE)
    excel.put(ws, 4, right, DATE_LINE.format(place=pack.place), font=excel.ITALIC)
    excel.put(ws, 6, left, "BÁO CÁO", font=excel.TITLE)
    excel.put(ws, 7, left, f"Kết quả thực hiện chính sách BHXH, BHYT — {report.unit.name}, tính đến ngày "
                           f"{vn_date(report.on)}", font=excel.BOLD)
    excel.put(ws, 8, left, f"Kỳ đánh giá: {pack.period_label.lower()}. Các phần I–V ở các trang tính sau; mỗi số ghi "
                           "rõ là số báo cáo, số từ hồ sơ ansinh hay số báo cáo cộng biến động.")
    for i, text in enumerate(RECIPIENTS, start=11):
        excel.put(ws, i, left, text, font=excel.BOLD if i == 11 else None)
    for i, text in enumerate(SIGNATURE, start=11):
        excel.put(ws, i, right, text, font=excel.ITALIC if text.startswith("(") else excel.BOLD)
    excel.print_setup(ws, landscape=False)
    excel.column_widths(ws, (40, 4, 4, 50))
