"""A campaign's report as an Excel workbook (openpyxl) and a one-page PDF (WeasyPrint), in Vietnamese.

Both are drawn from `report.campaign_report`, so they carry the same figures as the JSON and the pages.
"""

from ansinh.campaigns.choices import SCHEME_SHORT
from ansinh.campaigns.progress import ALL, SCHEMES
from ansinh.core import excel
from ansinh.core.formats import vn_date
from ansinh.core.pdf import render_pdf

COLUMNS = ["Chỉ tiêu", "Đạt", "% chỉ tiêu", "Còn thiếu"]


def _sheet(wb, title: str, header: list[str], rows: list[list], widths: dict[int, int] | None = None,
           caption: str = ""):
    ws = wb.create_sheet(title)
    start = 1
    if caption:
        excel.put(ws, 1, 1, caption, font=excel.BOLD)
        start = 3
    excel.table(ws, header, rows, start=start, widths=widths)
    excel.print_setup(ws, repeat_rows=f"{start}:{start}")
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
    wb = excel.workbook()
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
        excel.put(ws, i, 1, label, font=excel.TITLE if i == 1 else excel.BOLD)
        if value is not None:
            excel.put(ws, i, 2, value, alignment=excel.WRAP)
    row = len(lines) + 2
    excel.header(ws, row, ["Loại hình", *COLUMNS])
    for s in (*SCHEMES, ALL):
        row += 1
        f = report["summary"][s]
        excel.put(ws, row, 1, f["label"])
        for col, value in enumerate(_fig(f), start=2):
            excel.put(ws, row, col, value, number_format=excel.RATE if col == 4 else excel.INT)
    excel.column_widths(ws, {1: 24, 2: 60, 3: 14, 4: 14, 5: 14})
    excel.print_setup(ws, landscape=False)

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
    return excel.to_bytes(wb)


def _d(iso: str | None) -> str:
    import datetime as dt

    return vn_date(dt.date.fromisoformat(iso)) if iso else "—"


def report_pdf(report: dict) -> bytes:
    """The one-page PDF: campaign, results against targets, top units, teams and staff, retention, activities."""
    top = {k: report["ranking"][k][:8] for k in ("units", "teams", "staff")}
    return render_pdf("campaigns/report_pdf.html", {"r": report, "top": top,
                                                      "schemes": [report["summary"][s] for s in (*SCHEMES, ALL)],
                                                      "scheme_keys": SCHEMES})
