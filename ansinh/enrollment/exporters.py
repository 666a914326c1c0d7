"""The D03-TS and D05-TS lists (QĐ 595/505/490/QĐ-BHXH) as real Excel files, for a collection point and a period.

As officials keep them: the header block of the agent (name, code, tax code, address, phone, email), the
form number and title, two header rows, the column-number row (A, B, C, 1, 2 …), the sections
I. TĂNG and II. GIẢM with their totals, and the signature block. Identifiers are written as text so
Excel keeps their leading zeros; amounts are whole đồng. The same files can be imported back
(`ansinh import people`): rows already stored change nothing.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from ansinh.core import excel
from ansinh.enrollment.choices import EnrollmentStatus, Scheme
from ansinh.enrollment.import_layouts import D03_COLUMNS, D05_COLUMNS
from ansinh.enrollment.models import Contribution, Enrollment
from ansinh.network.models import CollectionPoint

BOX, BOLD, CENTER, TEXT, MONEY = excel.BOX, excel.BOLD, excel.CENTER, excel.TEXT, excel.MONEY


@dataclass(frozen=True)
class Column:
    """One printed column: its number label, the header (and group header) and its width."""

    label: str
    header: str
    group: str = ""
    width: float = 12
    text: bool = False
    money: bool = False
    summed: bool = True


D05 = [
    Column("A", "STT", width=5), Column("B", "Họ và tên", width=24), Column("C", "Mã số BHXH", width=13, text=True),
    Column("1", "Số CCCD/ĐDCN/Hộ chiếu", width=15, text=True), Column("2", "Địa chỉ", width=28),
    Column("3", "Ngày", "Biên lai", width=11), Column("4", "Số", "Biên lai", width=14, text=True),
    Column("5", "Mức thu nhập tháng đóng", width=13, money=True, summed=False),
    Column("6", "Số tháng", "Phương thức đóng", width=8), Column("7", "Từ tháng/năm", "Phương thức đóng", width=9,
                                                                text=True),
    Column("8", "Số tiền phải đóng theo quy định", width=13, money=True),
    Column("9", "Người tham gia đóng", width=13, money=True),
    Column("10", "Tỷ lệ (%)", "NSNN hỗ trợ", width=7), Column("11", "Số tiền", "NSNN hỗ trợ", width=12, money=True),
    Column("12", "Tỷ lệ (%)", "NSĐP hỗ trợ thêm", width=7),
    Column("13", "Số tiền", "NSĐP hỗ trợ thêm", width=12, money=True),
    Column("14", "Tỷ lệ (%)", "Hỗ trợ khác", width=7), Column("15", "Số tiền", "Hỗ trợ khác", width=12, money=True),
    Column("16", "Mã số nhân viên thu", width=12, text=True), Column("17", "Ghi chú", width=18),
]
D03 = [
    Column("A", "STT", width=5), Column("B", "Họ và tên", width=24), Column("C", "Mã số BHXH", width=13, text=True),
    Column("1", "Ngày sinh", width=11), Column("2", "Số CCCD/ĐDCN/Hộ chiếu", width=15, text=True),
    Column("3", "Giới tính", width=7), Column("4", "Địa chỉ", width=28), Column("5", "Mã hộ gia đình", width=13,
                                                                                text=True),
    Column("6", "Mã đối tượng", width=7, text=True), Column("7", "Ngày", "Biên lai", width=11),
    Column("8", "Số", "Biên lai", width=14, text=True), Column("9", "Số tháng đóng", width=7),
    Column("10", "Từ ngày", "Thời hạn thẻ", width=11), Column("11", "Đến ngày", "Thời hạn thẻ", width=11),
    Column("12", "Số tiền người tham gia đóng", width=13, money=True),
    Column("13", "Ngân sách hỗ trợ", width=12, money=True), Column("14", "Mã số nhân viên thu", width=12, text=True),
    Column("15", "Ghi chú", width=18),
]
assert [c.label for c in D05] == list(D05_COLUMNS) and [c.label for c in D03] == list(D03_COLUMNS)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _pct(value) -> str:
    if value in (None, "", 0, "0"):
        return ""
    text = f"{float(value):g}"
    return text.replace(".", ",")


class Sheet:
    """Writes a form onto an openpyxl sheet row by row."""

    def __init__(self, *, title: str, form: str, basis: str, columns: list[Column], point: CollectionPoint,
                 date_from: dt.date, date_to: dt.date, subtitle: str = ""):
        self.workbook = excel.workbook()
        self.ws = self.workbook.active
        self.ws.title = form
        self.columns = columns
        self.row = 1
        width = len(columns)
        ws = self.ws
        block = [f"Tên đại lý thu: {point.name}", f"Mã đại lý: {point.code}", f"Mã số thuế: {point.tax_code}",
                 f"Địa chỉ: {point.address}", f"Điện thoại: {point.phone}    Email: {point.email}"]
        for index, text in enumerate(block):
            excel.put(ws, 1 + index, 1, text)
        excel.put(ws, 1, width - 4, f"Mẫu {form}", font=BOLD)
        excel.put(ws, 2, width - 4, basis)
        self.row = len(block) + 2
        ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=width)
        cell = ws.cell(row=self.row, column=1, value=title)
        cell.font, cell.alignment = excel.TITLE, CENTER
        self.row += 1
        ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=width)
        period = f"Từ ngày {_date(date_from)} đến ngày {_date(date_to)}"
        ws.cell(row=self.row, column=1, value=f"{subtitle}{' · ' if subtitle else ''}{period}").alignment = CENTER
        self.row += 2
        self._headers()

    def _headers(self) -> None:
        ws, top = self.ws, self.row
        index = 0
        while index < len(self.columns):
            column = self.columns[index]
            if column.group:
                span = 1
                while index + span < len(self.columns) and self.columns[index + span].group == column.group:
                    span += 1
                ws.merge_cells(start_row=top, start_column=index + 1, end_row=top, end_column=index + span)
                ws.cell(row=top, column=index + 1, value=column.group)
                for offset in range(span):
                    ws.cell(row=top + 1, column=index + 1 + offset, value=self.columns[index + offset].header)
                index += span
            else:
                ws.merge_cells(start_row=top, start_column=index + 1, end_row=top + 1, end_column=index + 1)
                ws.cell(row=top, column=index + 1, value=column.header)
                index += 1
        for number, column in enumerate(self.columns, start=1):
            ws.cell(row=top + 2, column=number, value=column.label)
        excel.column_widths(ws, [column.width for column in self.columns])
        for number in range(1, len(self.columns) + 1):
            for row in (top, top + 1, top + 2):
                cell = ws.cell(row=row, column=number)
                cell.font, cell.alignment, cell.border = BOLD, CENTER, BOX
        ws.row_dimensions[top + 1].height = 45
        ws.freeze_panes = ws.cell(row=top + 3, column=3)
        self.header_top = top
        self.row = top + 3

    def heading(self, text: str) -> None:
        """A section row (I. TĂNG, II. GIẢM)."""
        cell = self.ws.cell(row=self.row, column=1, value=text)
        cell.font = BOLD
        for number in range(1, len(self.columns) + 1):
            self.ws.cell(row=self.row, column=number).border = BOX
        self.row += 1

    def line(self, values: list) -> None:
        """A participant row: identifiers as text, money as whole đồng."""
        for number, (column, value) in enumerate(zip(self.columns, values, strict=True), start=1):
            if value == "":
                value = None
            elif column.text and value is not None:
                value = str(value)
            excel.put(self.ws, self.row, number, value, border=BOX,
                      number_format=TEXT if column.text else MONEY if column.money else None)
        self.row += 1

    def total(self, label: str, sums: dict[int, int]) -> None:
        """A totals row under a section."""
        self.ws.cell(row=self.row, column=2, value=label).font = BOLD
        for number in range(1, len(self.columns) + 1):
            cell = self.ws.cell(row=self.row, column=number)
            cell.border = BOX
            if number in sums:
                cell.value, cell.number_format, cell.font = sums[number], MONEY, BOLD
        self.row += 1

    def signatures(self, place: str, left: str, right: str) -> None:
        """Date line and signature block."""
        self.row += 1
        width = len(self.columns)
        ws = self.ws
        ws.cell(row=self.row, column=width - 5, value=f"{place}, ngày …… tháng …… năm ……").alignment = CENTER
        self.row += 1
        ws.cell(row=self.row, column=2, value=left).font = BOLD
        ws.cell(row=self.row, column=width - 5, value=right).font = BOLD
        self.row += 1
        ws.cell(row=self.row, column=2, value="(Ký, ghi rõ họ tên)")
        ws.cell(row=self.row, column=width - 5, value="(Ký, ghi rõ họ tên, đóng dấu)")
        self.row += 4

    def content(self) -> bytes:
        """The .xlsx file (A4 landscape, one page wide, the column headers repeated on every page)."""
        excel.print_setup(self.ws, repeat_rows=f"{self.header_top}:{self.header_top + 2}")
        return excel.to_bytes(self.workbook)


def _sum(values: list[list], columns: list[Column]) -> dict[int, int]:
    sums: dict[int, int] = {}
    for row in values:
        for number, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            if column.money and column.summed and isinstance(value, int):
                sums[number] = sums.get(number, 0) + value
    return sums


def _place(point: CollectionPoint) -> str:
    return point.unit.short_name if point.unit_id else ""


def _increases(*, user, point: CollectionPoint, schemes: tuple[str, ...], date_from: dt.date, date_to: dt.date):
    return (Contribution.objects.restrict(user)
            .filter(receipt__collection_point=point, receipt__receipt_date__range=(date_from, date_to),
                    enrollment__scheme__in=schemes)
            .select_related("receipt", "receipt__collector", "enrollment__person", "enrollment__household",
                            "enrollment__collector", "card")
            .order_by("receipt__receipt_date", "receipt__number", "enrollment__member_rank", "id"))


def _decreases(*, user, point: CollectionPoint, schemes: tuple[str, ...], date_from: dt.date, date_to: dt.date):
    return (Enrollment.objects.restrict(user)
            .filter(Q(collection_point=point), scheme__in=schemes, status=EnrollmentStatus.ENDED,
                    ended_on__range=(date_from, date_to))
            .select_related("person", "household", "collector").order_by("ended_on", "id"))


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def d05_workbook(*, user, point: CollectionPoint, date_from: dt.date, date_to: dt.date) -> bytes:
    """D05-TS: voluntary-SI participants whose payment the point received in the period, and those who stopped."""
    sheet = Sheet(title="DANH SÁCH NGƯỜI THAM GIA BHXH TỰ NGUYỆN", form="D05-TS",
                  basis="(Ban hành kèm theo QĐ số 595/QĐ-BHXH, sửa đổi theo QĐ 505/QĐ-BHXH và QĐ 490/QĐ-BHXH "
                        "ngày 28/3/2023)", columns=D05, point=point, date_from=date_from, date_to=date_to)
    sheet.heading("I. TĂNG")
    sheet.heading("I.1. Người tham gia đóng BHXH tự nguyện")
    rows = []
    for number, c in enumerate(_increases(user=user, point=point, schemes=(Scheme.VOLUNTARY_SI,),
                                          date_from=date_from, date_to=date_to), start=1):
        person, quote = c.enrollment.person, c.quote or {}
        collector = c.receipt.collector or c.enrollment.collector
        rows.append([number, person.full_name, person.legacy_si_code or "", person.citizen_id or "", person.address,
                     _date(c.receipt.receipt_date), c.receipt.number, c.enrollment.income or 0, c.months,
                     c.period_start.strftime("%m/%Y"), c.amount_due, c.amount_paid,
                     _pct(quote.get("state_support_pct")) if c.state_support else "", c.state_support or "",
                     _pct(quote.get("local_support_pct")) if c.local_support else "", c.local_support or "",
                     "", c.sponsor_support or "", collector.code if collector else "",
                     c.enrollment.get_payment_method_display()])
    for values in rows:
        sheet.line(values)
    sheet.total("Cộng I", _sum(rows, D05))
    sheet.heading("II. GIẢM")
    gone = []
    for number, e in enumerate(_decreases(user=user, point=point, schemes=(Scheme.VOLUNTARY_SI,),
                                          date_from=date_from, date_to=date_to), start=1):
        person = e.person
        gone.append([number, person.full_name, person.legacy_si_code or "", person.citizen_id or "", person.address,
                     "", "", e.income or 0, "", _next_month(e.ended_on).strftime("%m/%Y"), "", "", "", "", "", "", "",
                     "", e.collector.code if e.collector else "", f"Dừng: {e.get_end_reason_display()}"])
    for values in gone:
        sheet.line(values)
    sheet.total("Cộng II", _sum(gone, D05))
    sheet.signatures(_place(point), "NGƯỜI LẬP BIỂU", "GIÁM ĐỐC ĐẠI LÝ / THỦ TRƯỞNG ĐƠN VỊ")
    return sheet.content()


def d03_workbook(*, user, point: CollectionPoint, date_from: dt.date, date_to: dt.date) -> bytes:
    """D03-TS: household-HI members whose payment the point received in the period, and those who stopped."""
    increases = list(_increases(user=user, point=point, schemes=(Scheme.HOUSEHOLD_HI,), date_from=date_from,
                                date_to=date_to))
    base = increases[0].quote.get("base_salary") if increases else None
    subtitle = "Đối tượng: người thuộc hộ gia đình (GD)" + (f" · Mức lương cơ sở: {base:,} đồng".replace(",", ".")
                                                            if base else "")
    sheet = Sheet(title="DANH SÁCH NGƯỜI CHỈ THAM GIA BẢO HIỂM Y TẾ", form="D03-TS",
                  basis="(Ban hành kèm theo QĐ số 595/QĐ-BHXH, sửa đổi theo QĐ 490/QĐ-BHXH ngày 28/3/2023)",
                  columns=D03, point=point, date_from=date_from, date_to=date_to, subtitle=subtitle)
    sheet.heading("I. TĂNG")
    rows = []
    for number, c in enumerate(increases, start=1):
        person, enrollment = c.enrollment.person, c.enrollment
        card = getattr(c, "card", None)
        collector = c.receipt.collector or enrollment.collector
        rows.append([number, person.full_name, person.legacy_si_code or "", _date(person.date_of_birth),
                     person.citizen_id or "", person.get_sex_display(), person.address,
                     enrollment.household.code if enrollment.household else "", enrollment.hi_group_code or "GD",
                     _date(c.receipt.receipt_date), c.receipt.number, c.months,
                     _date(card.valid_from if card else c.period_start),
                     _date(card.valid_until if card else c.period_end),
                     c.amount_paid, c.state_support + c.local_support + c.sponsor_support,
                     collector.code if collector else "",
                     f"Thành viên thứ {enrollment.member_rank}" if enrollment.member_rank else ""])
    for values in rows:
        sheet.line(values)
    sheet.total("Cộng I", _sum(rows, D03))
    sheet.heading("II. GIẢM")
    gone = []
    for number, e in enumerate(_decreases(user=user, point=point, schemes=(Scheme.HOUSEHOLD_HI,),
                                          date_from=date_from, date_to=date_to), start=1):
        person = e.person
        gone.append([number, person.full_name, person.legacy_si_code or "", _date(person.date_of_birth),
                     person.citizen_id or "", person.get_sex_display(), person.address,
                     e.household.code if e.household else "", e.hi_group_code or "GD", "", "", "",
                     _date(e.end_date + dt.timedelta(days=1)) if e.end_date else "", "", "", "",
                     e.collector.code if e.collector else "", f"Dừng: {e.get_end_reason_display()}"])
    for values in gone:
        sheet.line(values)
    sheet.total("Cộng II", _sum(gone, D03))
    sheet.signatures(_place(point), "NGƯỜI LẬP BIỂU", "GIÁM ĐỐC ĐẠI LÝ / THỦ TRƯỞNG ĐƠN VỊ")
    return sheet.content()
