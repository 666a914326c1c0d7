"""The CSV reader's delimiter (`core.importing.open_table`): a title row above the header — with no delimiter, or
with one comma in its text — does not decide it; the header line does."""

import pytest

from ansinh.core.importing import open_table


@pytest.mark.parametrize(("lines", "cells"), [
    pytest.param(["Họ và tên;Ngày sinh;Lớp", "Y Thu;11/02/2013;7A"], ["Y Thu", "11/02/2013", "7A"], id="no_title"),
    pytest.param(["DANH SÁCH HỌC SINH", "Họ và tên;Ngày sinh;Lớp", "Y Thu;11/02/2013;7A"],
                 ["Y Thu", "11/02/2013", "7A"], id="title_without_delimiter"),
    pytest.param(["DANH SÁCH HỌC SINH, NĂM HỌC 2025-2026", "Họ và tên;Ngày sinh;Địa chỉ",
                  "Y Thu;11/02/2013;Thôn 1, xã Đăk Pék"], ["Y Thu", "11/02/2013", "Thôn 1, xã Đăk Pék"],
                 id="title_with_a_comma_semicolon_file"),
    pytest.param(["DANH SÁCH HỌC SINH", "Họ và tên,Ngày sinh,Lớp", "Y Thu,11/02/2013,7A"],
                 ["Y Thu", "11/02/2013", "7A"], id="comma_file"),
])
def test_the_header_line_decides_the_delimiter(tmp_path, lines, cells):
    path = tmp_path / "ds.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = open_table(path)
    try:
        rows = [list(r) for r in source.rows]
    finally:
        source.close()
    assert rows[-1] == cells
