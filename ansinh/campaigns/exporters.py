"""A campaign's report as an Excel workbook (openpyxl) and a one-page PDF (WeasyPrint), in Vietnamese.

Both are drawn from `report.campaign_report`, so they carry the same figures as the JSON and the pages.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ansinh.campaigns.choices import SCHEME_SHORT
from ansinh.campaigns.progress import ALL, SCHEMES
from ansinh.core.formats import vn_date
from ansinh.core.pdf import render_pdf

HEAD = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE = Font(bold=True, size=14)
PCT = "0.00"
INT = "#,##0"
COLUMNS = ["Chỉ tiêu", "Đạt", "% chỉ tiêu", "Còn thiếu"]


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list], widths: dict[int, int] | None = None,
           caption: str = ""):
    ws = wb.create_sheet(title)
    start = 1
    if caption:
        ws.cell(row=1, column=1, value=caption).font = Font(bold=True)
        start = 3
    for col, text in enumerate(header, start=1):
        cell = ws.cell(row=start, column=col, value=text)
        cell.font, cell.fill = HEAD, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, row in enumerate(rows, start=start + 1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            title_text = header[c - 1] if c - 1 < len(header) else ""
            if isinstance(value, float) or title_text.startswith("%") or "(%)" in title_text:
                cell.number_format = PCT
            elif isinstance(value, int):
                cell.number_format = INT
    for col in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = (widths or {}).get(col, 14)
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    return ws


def _fig(f: dict) -> list:
    return [f["target"], f["achieved"], f["percent"], f["remaining"]]


def _scheme_header(first: list[str]) -> list[str]:
    cols = list(first)
    for s in (*SCHEMES, ALL):
        name = SCHEME_SHORT.get(s, "Tổng")
        cols += [f"{name}: chỉ tiêu", f"{name}: đạt", f"% {name}", f"{name}: còn thiếu"]
    return cols


def _scheme_cells(row: dict) -> list:
    cells = []
    for s in (*SCHEMES, ALL):
        cells += _fig(row[s])
    return cells


def report_xlsx(report: dict) -> bytes:
    """The workbook: summary and targets, by day, unit, team and staff, ranking, retention, activities."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    c = report["campaign"]
    lines = [
        (c["name"], None), ("Chủ đề", c["theme"]), ("Địa bàn", c["area"]["name"]),
        ("Thời gian", f"{_d(c['start_date'])} – {_d(c['end_date'])}"), ("Đơn vị tổ chức", c["organisers"]),
        ("Kế hoạch liên tịch", c["joint_plan"]), ("Nhóm đối tượng", c["target_groups"]),
        ("Số liệu tính đến", _d(report["as_of"])),
        ("Trạng thái", "Đã kết thúc" if c["status"] == "closed" else "Tạm tính (chưa kết thúc)"),
    ]
    for i, (label, value) in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=label).font = TITLE if i == 1 else Font(bold=True)
        if value is not None:
            ws.cell(row=i, column=2, value=value).alignment = Alignment(wrap_text=True)
    row = len(lines) + 2
    for col, text in enumerate(["Loại hình", *COLUMNS], start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill = HEAD, HEAD_FILL
    for s in (*SCHEMES, ALL):
        row += 1
        f = report["summary"][s]
        ws.cell(row=row, column=1, value=f["label"])
        for col, value in enumerate(_fig(f), start=2):
            cell = ws.cell(row=row, column=col, value=value)
            cell.number_format = PCT if col == 4 else INT
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 24, 60
    for col in "CDE":
        ws.column_dimensions[col].width = 14

    _sheet(wb, "Chỉ tiêu", ["Mã đơn vị", "Đơn vị", "Loại hình", *COLUMNS, "Doanh thu giao (đồng)", "Căn cứ"],
           [[t["unit"], t["unit_name"], SCHEME_SHORT[t["scheme"]], *_fig(t), t["revenue_target"], t["basis"]]
            for t in report["targets"]], {2: 28, 3: 18, 9: 48})
    _sheet(wb, "Theo ngày", ["Ngày", *[f"{SCHEME_SHORT[s]}: {x}" for s in SCHEMES
                                      for x in ("trong ngày", "luỹ kế", "% chỉ tiêu")]],
           [[_d(d["day"]), *[v for s in SCHEMES for v in (d[s]["count"], d[s]["achieved"], d[s]["percent"])]]
            for d in report["daily"]], {1: 12})
    _sheet(wb, "Theo đơn vị", _scheme_header(["Mã", "Đơn vị"]),
           [[u["unit"], u["name"], *_scheme_cells(u)] for u in report["units"]], {2: 28})
    _sheet(wb, "Theo đội", _scheme_header(["Mã đội", "Tên đội", "Đơn vị", "Số thành viên"]),
           [[t["team"], t["name"], t["unit"], t["members"], *_scheme_cells(t)] for t in report["teams"]],
           {2: 28, 3: 22})
    _sheet(wb, "Theo cán bộ", _scheme_header(["Mã cán bộ", "Họ tên", "Đội", "Đơn vị"]),
           [[s["staff"], s["name"], s["team"], s["unit"], *_scheme_cells(s)] for s in report["staff"]],
           {2: 24, 3: 24, 4: 22})
    ranking_rows = []
    for label, key, group in (("Đơn vị", "unit", "units"), ("Đội", "team", "teams"), ("Cán bộ", "staff", "staff")):
        ranking_rows += [[label, r["rank"], r[key], r["name"], *_fig(r)] for r in report["ranking"][group]]
    _sheet(wb, "Xếp hạng thi đua", ["Nhóm", "Hạng", "Mã", "Tên", *COLUMNS], ranking_rows, {4: 30},
           caption="Xếp hạng theo % chỉ tiêu (cả hai loại hình), rồi theo số người đạt.")
    ret = report["retention"]
    ret_header = ["Mã", "Tên"]
    for s in (*SCHEMES, ALL):
        name = SCHEME_SHORT.get(s, "Tổng")
        ret_header += [f"{name}: đã vận động", f"{name}: còn tham gia", f"% {name} còn tham gia"]

    def ret_cells(r):
        return [v for s in (*SCHEMES, ALL) for v in (r[s]["recruited"], r[s]["kept"], r[s]["percent"])]

    ret_rows = [["Toàn bộ", "", *ret_cells(ret["summary"])]]
    ret_rows += [[u["unit"], u["name"], *ret_cells(u)] for u in ret["units"]]
    ret_rows += [[f"Đội {t['team']}", t["name"], *ret_cells(t)] for t in ret["teams"]]
    ret_rows += [[s["staff"], s["name"], *ret_cells(s)] for s in ret["collectors"]]
    _sheet(wb, "Duy trì", ret_header, ret_rows, {2: 28},
           caption=f"Người do chiến dịch vận động còn tham gia và đã đóng đến ngày {_d(ret['on'])} "
                   "(chỉ tính người có hồ sơ từng người).")
    _sheet(wb, "Hoạt động", ["Ngày", "Hoạt động", "Mã đơn vị", "Đơn vị", "Đội", "Số lượng", "Số cán bộ", "Địa điểm",
                             "Ghi chú"],
           [[_d(a["day"]), a["label"], a["unit"], a["unit_name"], a["team"] or "", a["quantity"], a["participants"],
             a["place"], a["note"]] for a in report["activities"]["items"]], {2: 26, 4: 24, 8: 28, 9: 50})
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _d(iso: str | None) -> str:
    import datetime as dt

    return vn_date(dt.date.fromisoformat(iso)) if iso else "—"


def report_pdf(report: dict) -> bytes:
    """The one-page PDF: campaign, results against targets, top units, teams and staff, retention, activities."""
    top = {k: report["ranking"][k][:8] for k in ("units", "teams", "staff")}
    return render_pdf("campaigns/report_pdf.html", {"r": report, "top": top,
                                                      "schemes": [report["summary"][s] for s in (*SCHEMES, ALL)],
                                                      "scheme_keys": SCHEMES})
