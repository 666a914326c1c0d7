"""Prospects from a commune's resident list: matched by citizen ID, then by name and birth date; judged on the
list's date; idempotent; the error file; who sees their names; assigned, registered in one step, purged."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from ansinh.core.changelog import ChangeLog
from ansinh.core.errors import DomainError, NotFound
from ansinh.core.testing.users import make_user
from ansinh.core.text import fold
from ansinh.enrollment import selectors, services
from ansinh.enrollment.choices import ProspectMatch, ProspectStatus, Scheme
from ansinh.enrollment.models import Enrollment, Prospect, ResidentList
from ansinh.enrollment.prospects import import_residents
from ansinh.registry.models import Person

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Số hộ", "Quan hệ với chủ hộ", "Địa chỉ"]
LIST_DAY = D("2026-12-01")


@pytest.fixture
def on(monkeypatch):
    """Pin today: on("2026-12-01")."""
    def pin(day: str) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(day))
    pin("2026-12-01")
    return pin


def citizen_id(born: dt.date, sex: str, serial: int) -> str:
    """A valid personal ID of old Trà Vinh (084) for a birth date and sex."""
    century = (born.year // 100 - 19) * 2 + (1 if sex == "F" else 0)
    return f"084{century}{born.year % 100:02d}{serial:06d}"


def write_csv(path, rows: list[list]) -> str:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return str(path)


class Town:
    """Residents of Phường Long Đức (today's Vĩnh Long), registered in old Phường 4 of Trà Vinh or not at all."""

    def __init__(self, commune):
        self.commune = commune
        self.rows: list[list] = []
        self.people: list[Person] = []
        self.enrollments: list[Enrollment] = []
        self.serial = 0

    def resident(self, name: str, born: str, sex: str, *, registered: bool = True, with_id: bool = True,
                 hi: str | None = None, si: str | None = None) -> None:
        """One resident on the list; `hi`/`si` = the scheme's last day covered ('open' = no end)."""
        self.serial += 1
        born_on = D(born)
        cid = citizen_id(born_on, sex, self.serial)
        household = f"HK-{(len(self.rows) // 4) + 1:04d}"
        relation = "Chủ hộ" if len(self.rows) % 4 == 0 else "Con"
        self.rows.append([len(self.rows) + 1, name, born_on.strftime("%d/%m/%Y"), "Nam" if sex == "M" else "Nữ",
                          cid if with_id else "", household, relation, "Khóm 3"])
        if not registered:
            return
        person = Person(full_name=name, name_folded=fold(name), date_of_birth=born_on, sex=sex, citizen_id=cid,
                        commune=self.commune, province_code=self.commune.province_code)
        self.people.append(person)
        for scheme, end in ((Scheme.HI_GROUP, hi), (Scheme.VOLUNTARY_SI if si != "compulsory" else
                                                    Scheme.COMPULSORY_SI, si)):
            if end:
                self.enrollments.append(Enrollment(
                    person=person, scheme=scheme, enrolled_on=D("2026-01-01"), start_date=D("2026-01-01"),
                    end_date=None if end in ("open", "compulsory") else D(end), commune=self.commune,
                    province_code=self.commune.province_code,
                    status="active" if end in ("open", "compulsory") or D(end) >= LIST_DAY else "ended"))

    def save(self) -> None:
        Person.objects.bulk_create(self.people)
        for enrollment in self.enrollments:
            enrollment.person_id = enrollment.person.pk
        Enrollment.objects.bulk_create(self.enrollments)


@pytest.fixture
def longduc_officer(today_commune):
    return make_user("ld_officer", role="commune_officer", scope_unit=today_commune)


def thousand(commune) -> Town:
    """1,000 residents, 900 covered on 1/12/2026:
    - 600 children (born 2015) with an HI card to 31/12/2026 — 50 of them listed without a citizen ID;
    - 150 adults (born 1990) with HI and voluntary SI, 150 with HI and compulsory SI;
    and 100 not covered:
    - 40 not in ansinh (20 adults born 1996, 20 children born 2016);
    - 30 registered children with no HI; 20 adults with HI but no SI; 10 elderly (born 1950) whose card ended on
      30/9/2026."""
    town = Town(commune)
    for i in range(600):
        town.resident(f"Thạch Bé {i}", "2015-03-01", "M" if i % 2 else "F", hi="2026-12-31", with_id=i >= 50)
    for i in range(150):
        town.resident(f"Kim Văn {i}", "1990-06-15", "M", hi="open", si="open")
    for i in range(150):
        town.resident(f"Lâm Thị {i}", "1990-06-15", "F", hi="open", si="compulsory")
    for i in range(20):
        town.resident(f"Sơn Văn Mới {i}", "1996-02-10", "M", registered=False)
    for i in range(20):
        town.resident(f"Sơn Bé Mới {i}", "2016-09-09", "F", registered=False)
    for i in range(30):
        town.resident(f"Danh Bé {i}", "2014-01-05", "M")
    for i in range(20):
        town.resident(f"Trần Văn {i}", "1985-11-20", "M", hi="open")
    for i in range(10):
        town.resident(f"Lý Thị Cụ {i}", "1950-04-04", "F", hi="2026-09-30")
    town.save()
    return town


def test_a_resident_list_of_1000_with_900_covered_gives_100_prospects(
        tmp_path, today_commune, commune, longduc_officer, on):
    """Long Đức's list of 1/12/2026 against the people of old Phường 4: 960 are in ansinh (910 by citizen ID, 50 by
    name and birth date), 900 are covered, and the 100 others become prospects — 80 without HI (40 new, 30 children,
    10 elderly), 40 of working age without SI (20 new adults, 20 adults with HI only)."""
    town = thousand(commune)
    path = write_csv(tmp_path / "cu-tru-long-duc.csv", town.rows)

    run = import_residents(path, user=longduc_officer, commune=today_commune, listed_on=LIST_DAY)

    assert (run.state, run.rows_read, run.rows_rejected) == ("done", 1000, 0)
    assert (run.summary["matched"], run.summary["covered"], run.summary["created"]) == (960, 900, 100)
    prospects = Prospect.objects.filter(commune=today_commune)
    assert prospects.count() == 100
    assert prospects.filter(needs_hi=True).count() == 80
    assert prospects.filter(needs_vsi=True).count() == 40
    assert prospects.filter(needs_hi=False, needs_vsi=True).count() == 20  # the adults with HI only
    assert prospects.filter(matched_by=ProspectMatch.NONE).count() == 40
    assert prospects.filter(matched_by=ProspectMatch.CITIZEN_ID).count() == 60
    elderly = prospects.get(full_name="Lý Thị Cụ 3")
    assert (elderly.needs_hi, elderly.needs_vsi, elderly.person.full_name) == (True, False, "Lý Thị Cụ 3")
    resident_list = ResidentList.objects.get(commune=today_commune)
    assert resident_list.counts["residents"] == 1000
    assert (resident_list.counts["matched"], resident_list.counts["covered"], resident_list.counts["prospects"]) \
        == (960, 900, 100)
    assert resident_list.purge_on == D("2027-12-01")

    again = import_residents(path, user=longduc_officer, commune=today_commune, listed_on=LIST_DAY)

    assert (again.rows_stored, again.rows_unchanged, again.rows_rejected) == (0, 1000, 0)
    assert Prospect.objects.filter(commune=today_commune).count() == 100
    resident_list.refresh_from_db()
    assert resident_list.counts["residents"] == 1000  # the same file counts once


def test_name_and_birth_date_match_only_a_single_person_of_the_commune(tmp_path, today_commune, commune,
                                                                       longduc_officer, on):
    """Two registered 'Nguyễn Văn An' born 1/1/1980 in Phường 4: a row without an ID matches neither (a prospect, not
    in ansinh); 'Trần Thị Bình' (one of her) is matched and covered; a row whose ID differs from the registered
    person's is another person."""
    town = Town(commune)
    town.resident("Nguyễn Văn An", "1980-01-01", "M", with_id=False, hi="open", si="open")
    town.resident("Nguyễn Văn An", "1980-01-01", "M", with_id=False, hi="open", si="open")
    town.resident("Trần Thị Bình", "1982-02-02", "F", with_id=False, hi="open", si="open")
    town.save()
    rows = town.rows[1:]  # one of the two Ans is on the list
    rows.append([9, "Trần Thị Bình", "02/02/1982", "Nữ", citizen_id(D("1982-02-02"), "F", 77), "HK-9", "Chủ hộ", ""])
    run = import_residents(write_csv(tmp_path / "l.csv", rows), user=longduc_officer, commune=today_commune,
                           listed_on=LIST_DAY)
    assert (run.summary["matched"], run.summary["covered"], run.summary["created"]) == (1, 1, 2)
    assert sorted(Prospect.objects.values_list("full_name", "matched_by")) == [
        ("Nguyễn Văn An", "none"), ("Trần Thị Bình", "none")]


def test_bad_rows_go_to_the_error_file_and_the_corrected_file_joins_the_same_list(
        tmp_path, today_commune, longduc_officer, on):
    """Five refused rows, each with its line, column and reason in Vietnamese; the error file, corrected, imports
    into the same list."""
    rows = [
        [1, "Thạch Thị Sa", "12/05/1990", "Nữ", "084190000001", "HK-1", "Chủ hộ", "Ấp Long Bình"],
        [2, "", "01/01/1990", "Nam", "", "HK-1", "Con", ""],
        [3, "Kim Văn Út", "31/02/1990", "Nam", "", "HK-2", "Chủ hộ", ""],
        [4, "Kim Văn Tư", "01/01/1991", "Nam", "084090000002", "HK-2", "Con", ""],
        [5, "Lâm Văn Năm", "01/01/1992", "X", "", "HK-3", "Chủ hộ", ""],
        [6, "Thạch Thị Sa", "12/05/1990", "Nữ", "084190000001", "HK-1", "Chủ hộ", ""],
    ]
    run = import_residents(write_csv(tmp_path / "loi.csv", rows), user=longduc_officer, commune=today_commune,
                           listed_on=LIST_DAY)
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (6, 1, 5)
    with open(Path(settings.MEDIA_ROOT) / run.error_file, encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    assert table[0] == [*HEADER, "Lý do lỗi"]
    reasons = [row[-1] for row in table[1:]]
    assert reasons[0] == "Dòng 3, cột “Họ và tên”: Thiếu họ và tên."
    assert reasons[1].startswith("Dòng 4, cột “Ngày sinh”:")
    assert reasons[2].startswith("Dòng 5, cột “Số định danh”:") and "1991" in reasons[2]
    assert reasons[3] == "Dòng 6, cột “Giới tính”: 'X' không hợp lệ (Nam hoặc Nữ)."
    assert reasons[4] == "Dòng 7, cột “Số định danh”: Người này đã có ở dòng 2 của tệp."

    fixed = [row[:-1] for row in table[1:4]]
    fixed[0][1] = "Thạch Văn Bảy"
    fixed[1][2] = "28/02/1990"
    fixed[2][2] = "01/01/1990"
    corrected = import_residents(write_csv(tmp_path / "sua.csv", fixed), user=longduc_officer,
                                 commune=today_commune, listed_on=LIST_DAY)
    assert (corrected.rows_stored, corrected.rows_rejected) == (3, 0)
    resident_list = ResidentList.objects.get()
    assert Prospect.objects.filter(resident_list=resident_list).count() == 4
    assert resident_list.counts["residents"] == 4


def test_a_list_is_imported_only_for_a_commune_of_ones_area_and_not_for_tomorrow(
        tmp_path, today_commune, kon_tum_officer, longduc_officer, on):
    path = write_csv(tmp_path / "l.csv", [[1, "Thạch Thị Sa", "12/05/1990", "Nữ", "", "HK-1", "Chủ hộ", ""]])
    with pytest.raises(NotFound):
        import_residents(path, user=kon_tum_officer, commune=today_commune, listed_on=LIST_DAY)
    with pytest.raises(DomainError) as refused:
        import_residents(path, user=longduc_officer, commune=today_commune, listed_on=D("2026-12-02"))
    assert refused.value.code == "resident_list_invalid"
    assert not Prospect.objects.exists()


def test_the_command_imports_a_list_and_says_what_it_found(tmp_path, today_commune, commune, longduc_officer, on):
    town = Town(commune)
    town.resident("Thạch Thị Sa", "1990-05-12", "F", hi="open", si="open")
    town.resident("Kim Văn Út", "1991-01-01", "M", registered=False)
    out = io.StringIO()
    call_command("import_data", "residents", write_csv(tmp_path / "ds.csv", town.rows), "--commune",
                 today_commune.code, "--on", "1/12/2026", "--user", "ld_officer", stdout=out)
    assert out.getvalue().strip() == ("ds.csv: 2 dòng — 0 người đã có trong ansinh, 0 đã có BHYT/BHXH; 2 người cần "
                                      "vận động mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi.")
    assert ChangeLog.objects.filter(action="import").count() == 2  # the batch and the run


@pytest.fixture
def family(tmp_path, today_commune, commune, longduc_officer, on):
    """Long Đức's list of 1/12/2026 with household HK-7: three adults not in ansinh (the head born 1978, his wife 1980,
    their son 2002 — all of working age) and a grandson born 2023, under 6."""
    town = Town(commune)
    rows = [[1, "Thạch Văn Hùng", "10/03/1978", "Nam", citizen_id(D("1978-03-10"), "M", 901), "HK-7", "Chủ hộ",
             "Khóm 5"],
            [2, "Kim Thị Lan", "20/04/1980", "Nữ", citizen_id(D("1980-04-20"), "F", 902), "HK-7", "Vợ/chồng", "Khóm 5"],
            [3, "Thạch Minh Tâm", "01/06/2002", "Nam", citizen_id(D("2002-06-01"), "M", 903), "HK-7", "Con", "Khóm 5"],
            [4, "Thạch Gia Bảo", "15/08/2023", "Nam", "", "HK-7", "Cháu", "Khóm 5"]]
    town.save()
    import_residents(write_csv(tmp_path / "hk7.csv", rows), user=longduc_officer, commune=today_commune,
                     listed_on=LIST_DAY)
    return Prospect.objects.filter(household_number="HK-7").order_by("id")


def test_the_communes_officer_sees_the_household_priced_and_a_province_officer_only_counts(
        client, family, longduc_officer, tra_vinh_officer):
    """HK-7 on 1/12/2026: household HI for the three adults (the grandson under 6 gets the state's card) is
    1,366,200 + 70 % + 60 % = 3,142,260 (4.5 % of 2,530,000 × 12 for the first). Trà Vinh's province officer sees the
    list's counts, not the names."""
    client.force_login(longduc_officer)
    page = client.get("/registry/prospects/").content.decode()
    assert "Thạch Văn Hùng" in page and "Thạch Gia Bảo" in page
    assert 'data-testid="household-quote">3.142.260 đ<' in page
    assert "BHYT hộ gia đình 12 tháng cho 3 người" in page
    assert citizen_id(D("1978-03-10"), "M", 901) not in page  # masked
    assert "********0901" in page

    client.force_login(tra_vinh_officer)
    page = client.get("/registry/prospects/").content.decode()
    assert "Thạch Văn Hùng" not in page
    assert "chỉ hiện cho cán bộ của xã" in page
    assert '<td data-label="Cần vận động" class="num">4</td>' in page


def test_a_household_is_given_to_a_collector_who_then_sees_it_and_registers_it_in_one_step(
        client, family, longduc_officer, today_commune, on):
    """The commune officer gives HK-7 to collector NV-LD-01, whose account sees only those four; she registers the
    household in one step — four people with the list's data, household code HK-7 — and the prospects are converted
    (still listed as 'waiting for payment' until the household pays)."""
    from ansinh.network.testing import make_point, make_staff

    point = make_point(today_commune, code="BD-LD-01", name="Bưu điện Long Đức")
    collector_user = make_user("ld_thu", role="collector", scope_unit=today_commune.parent)
    staff = make_staff(today_commune, code="NV-LD-01", full_name="Sơn Thị Thu", point=point)
    staff.user = collector_user
    staff.save()
    client.force_login(longduc_officer)
    answer = client.post("/registry/prospects/assign/", {"prospect": [p.pk for p in family], "collector": staff.code,
                                                         "next": "/registry/prospects/"})
    assert answer.status_code == 302
    assert set(Prospect.objects.values_list("collector__code", flat=True)) == {"NV-LD-01"}
    assert ChangeLog.objects.filter(action="assign").count() == 4

    client.force_login(collector_user)
    page = client.get("/registry/prospects/?mine=1").content.decode()
    assert page.count('data-testid="prospect-household"') == 1
    answer = client.post(f"/registry/prospects/{family[0].pk}/register/")
    household = Person.objects.get(citizen_id=citizen_id(D("1978-03-10"), "M", 901)).household
    assert answer.status_code == 302 and answer.url == f"/registry/households/{household.pk}/"
    assert household.code == "HK-7" and household.address == "Khóm 5"
    assert household.head.full_name == "Thạch Văn Hùng"
    assert sorted(household.members.values_list("full_name", "relation")) == [
        ("Kim Thị Lan", "spouse"), ("Thạch Gia Bảo", "grandchild"), ("Thạch Minh Tâm", "child"),
        ("Thạch Văn Hùng", "head")]
    assert set(Prospect.objects.values_list("status", flat=True)) == {ProspectStatus.CONVERTED}
    page = client.get("/registry/prospects/?mine=1").content.decode()
    assert page.count("Đã đăng ký, chờ đóng tiền") == 4
    again = client.post(f"/registry/prospects/{family[0].pk}/register/", follow=True)
    assert "Hộ số HK-7 đã được đăng ký từ danh sách cư trú." in again.content.decode()
    assert Person.objects.filter(household=household).count() == 4


def test_prospects_not_registered_are_purged_on_the_day_retention_ends(family, on, settings, longduc_officer):
    """A list of 1/12/2026 kept 12 months: nothing goes on 30/11/2027; on 1/12/2027 the four prospects are deleted
    (the list keeps its counts) and the command says so."""
    services.prospects_purge(today=D("2027-11-30"))
    assert Prospect.objects.count() == 4
    out = io.StringIO()
    call_command("prospects", "purge", "--on", "1/12/2027", "--dry-run", stdout=out)
    assert "4 người" in out.getvalue() and Prospect.objects.count() == 4
    call_command("prospects", "purge", "--on", "1/12/2027", stdout=io.StringIO())
    assert Prospect.objects.count() == 0
    resident_list = ResidentList.objects.get()
    assert resident_list.purged_at is not None
    assert (resident_list.counts["prospects"], resident_list.counts["converted"], resident_list.counts["residents"]) \
        == (4, 0, 4)


def test_a_matched_prospect_who_pays_leaves_the_list_by_himself(family, longduc_officer, on):
    """The head, once in ansinh with a household-HI enrollment from 2/12/2026, is no longer listed as lacking HI."""
    head = family[0]
    person = Person.objects.create(full_name=head.full_name, name_folded=fold(head.full_name),
                                   date_of_birth=head.date_of_birth, sex="M", citizen_id=head.citizen_id,
                                   commune=head.commune, province_code=head.commune.province_code)
    Prospect.objects.filter(pk=head.pk).update(person=person)
    on("2026-12-02")
    Enrollment.objects.create(person=person, scheme=Scheme.HOUSEHOLD_HI, enrolled_on=D("2026-12-02"),
                              start_date=D("2027-01-01"), end_date=D("2027-12-31"), commune=head.commune,
                              province_code=head.commune.province_code)
    listed = selectors.prospect_list(user=longduc_officer, today=D("2026-12-02"))
    assert [(p.full_name, p.needs_hi and not p.has_hi) for p in listed if p.full_name == "Thạch Văn Hùng"] == [
        ("Thạch Văn Hùng", False)]  # still lacking voluntary SI at 48
    assert selectors.prospect_list(user=longduc_officer, today=D("2026-12-02"), needs="hi").filter(
        pk=head.pk).count() == 0


def test_an_officer_outside_the_commune_cannot_register_or_give_away_its_prospects(
        client, family, kon_tum_officer, tra_vinh_officer):
    """Kon Tum's officer: 404 (outside the area). Trà Vinh's province officer (inside, above the commune): 403 with
    the reason; an assignment names nobody he may see. Nothing changes."""
    before = list(Prospect.objects.values_list("status", "collector_id", "person_id"))
    client.force_login(kon_tum_officer)
    assert client.post(f"/registry/prospects/{family[0].pk}/register/").status_code == 404
    client.force_login(tra_vinh_officer)
    refused = client.post(f"/registry/prospects/{family[0].pk}/register/")
    assert refused.status_code == 403
    assert "chỉ cán bộ của xã và cán bộ thu được giao" in refused.content.decode()
    page = client.post("/registry/prospects/assign/", {"prospect": [p.pk for p in family]}, follow=True)
    assert "Chưa chọn người nào để giao." in page.content.decode()
    assert list(Prospect.objects.values_list("status", "collector_id", "person_id")) == before


def test_the_shipped_sample_is_the_demos_list_and_imports_as_documented(tmp_path, today_commune, longduc_officer, on):
    """docs/samples/residents.csv is the demo's list of Phường Long Đức; on an empty registry its 15 residents are
    15 prospects in 8 households (children, and people past retirement age, lack HI only)."""
    from ansinh.enrollment.demo import residents_csv

    sample = Path(__file__).resolve().parents[3] / "docs" / "samples" / "residents.csv"
    assert sample.read_text(encoding="utf-8") == residents_csv()
    run = import_residents(sample, user=longduc_officer, commune=today_commune, listed_on=D("2026-11-01"))
    assert (run.rows_read, run.summary["created"], run.rows_rejected) == (15, 15, 0)
    assert Prospect.objects.values("household_number").distinct().count() == 8
    assert sorted(Prospect.objects.filter(needs_vsi=False).values_list("full_name", flat=True)) == [
        "Kim Văn Đức", "Lê Văn Hải", "Phạm Thị Lựu", "Trần Minh Khang", "Đặng Hoàng Toàn", "Đỗ Thanh An"]


def test_a_later_list_updates_its_prospects_and_an_older_one_does_not_undo_it(
        tmp_path, today_commune, commune, longduc_officer, on):
    """1/12/2026: Sa (no ID on the list) and Út. 2/12/2026: Sa's ID is given and her address changed — the same
    prospect, updated, not a second one; Út is now covered (enrolled on 2/12) and closed. Then the list of 1/12
    read again changes neither."""
    first = [[1, "Thạch Thị Sa", "12/05/1990", "Nữ", "", "HK-1", "Chủ hộ", "Khóm 1"],
             [2, "Kim Văn Út", "01/01/1991", "Nam", "084091000002", "HK-2", "Chủ hộ", "Khóm 2"]]
    import_residents(write_csv(tmp_path / "a.csv", first), user=longduc_officer, commune=today_commune,
                     listed_on=D("2026-12-01"))
    ut = Person.objects.create(full_name="Kim Văn Út", name_folded=fold("Kim Văn Út"), date_of_birth=D("1991-01-01"),
                               sex="M", citizen_id="084091000002", commune=commune,
                               province_code=commune.province_code)
    for scheme in (Scheme.HOUSEHOLD_HI, Scheme.VOLUNTARY_SI):
        Enrollment.objects.create(person=ut, scheme=scheme, enrolled_on=D("2026-12-02"), start_date=D("2026-12-02"),
                                  end_date=D("2027-12-31"), commune=commune, province_code=commune.province_code)
    on("2026-12-02")
    second = [[1, "Thạch Thị Sa", "12/05/1990", "Nữ", "084190000001", "HK-1", "Chủ hộ", "Khóm 5"],
              [2, "Kim Văn Út", "01/01/1991", "Nam", "084091000002", "HK-2", "Chủ hộ", "Khóm 2"]]
    run = import_residents(write_csv(tmp_path / "b.csv", second), user=longduc_officer, commune=today_commune,
                           listed_on=D("2026-12-02"))
    assert (run.state, run.summary["created"], run.summary["updated"], run.summary["covered"]) == ("done", 0, 2, 1)
    sa = Prospect.objects.get(full_name="Thạch Thị Sa")
    assert (sa.key, sa.citizen_id, sa.address, sa.resident_list.listed_on) == (
        "id:084190000001", "084190000001", "Khóm 5", D("2026-12-02"))
    assert Prospect.objects.get(full_name="Kim Văn Út").status == ProspectStatus.COVERED
    again = import_residents(write_csv(tmp_path / "a2.csv", first), user=longduc_officer, commune=today_commune,
                             listed_on=D("2026-12-01"))
    assert again.rows_stored == 0
    sa.refresh_from_db()
    assert (sa.address, sa.resident_list.listed_on) == ("Khóm 5", D("2026-12-02"))


def test_the_very_old_and_the_not_yet_born_are_judged_or_refused(tmp_path, today_commune, longduc_officer, on):
    """A woman born in 1940 (before the retirement-age table) lacks HI only; a birth date after the list's is
    refused on its row."""
    rows = [[1, "Lý Thị Cụ", "01/01/1940", "Nữ", "", "HK-1", "Chủ hộ", ""],
            [2, "Lý Văn Sau", "05/12/2026", "Nam", "", "HK-1", "Cháu", ""]]
    run = import_residents(write_csv(tmp_path / "c.csv", rows), user=longduc_officer, commune=today_commune,
                           listed_on=LIST_DAY)
    assert (run.state, run.rows_stored, run.rows_rejected) == ("done", 1, 1)
    assert Prospect.objects.values_list("full_name", "needs_hi", "needs_vsi").get() == ("Lý Thị Cụ", True, False)
    assert run.summary["reasons"] == ["Dòng 3, cột “Ngày sinh”: Ngày sinh 05/12/2026 sau ngày của danh sách "
                                      "01/12/2026."]


def test_a_household_whose_head_is_insured_registers_its_other_members_without_a_head_on_the_list(
        client, tmp_path, today_commune, longduc_officer, on):
    """HK-8's head is insured elsewhere and not on the prospects: the wife and the son are registered, the wife (the
    eldest) leading the new household; then a newborn on a later list joins that household."""
    rows = [[1, "Kim Thị Lan", "20/04/1980", "Nữ", "", "HK-8", "Vợ/chồng", "Khóm 5"],
            [2, "Thạch Minh Tâm", "01/06/2002", "Nam", "", "HK-8", "Con", "Khóm 5"]]
    import_residents(write_csv(tmp_path / "d.csv", rows), user=longduc_officer, commune=today_commune,
                     listed_on=LIST_DAY)
    client.force_login(longduc_officer)
    first = Prospect.objects.order_by("id").first()
    answer = client.post(f"/registry/prospects/{first.pk}/register/")
    assert answer.status_code == 302
    household = Person.objects.get(full_name="Kim Thị Lan").household
    assert (household.code, household.head.full_name, household.members.count()) == ("HK-8", "Kim Thị Lan", 2)
    on("2026-12-02")
    import_residents(write_csv(tmp_path / "e.csv", [[1, "Thạch Gia Bảo", "01/12/2026", "Nam", "", "HK-8", "Cháu",
                                                    "Khóm 5"]]),
                     user=longduc_officer, commune=today_commune, listed_on=D("2026-12-02"))
    baby = Prospect.objects.get(full_name="Thạch Gia Bảo")
    assert client.post(f"/registry/prospects/{baby.pk}/register/").url == f"/registry/households/{household.pk}/"
    assert household.members.count() == 3


def test_a_resident_lists_run_and_its_error_file_are_for_the_commune_and_the_upload_is_not_kept(
        client, tmp_path, today_commune, longduc_officer, tra_vinh_officer, on, settings):
    """The run's page and error file hold residents' data: the province officer gets 403 with the reason. A page
    upload whose file lacks the columns fails and is deleted all the same."""
    from ansinh.core.models import ImportRun
    from ansinh.enrollment.prospects import residents_run_create

    rows = [[1, "", "01/01/1990", "Nam", "", "HK-1", "Chủ hộ", ""]]
    run = import_residents(write_csv(tmp_path / "f.csv", rows), user=longduc_officer, commune=today_commune,
                           listed_on=LIST_DAY)
    client.force_login(tra_vinh_officer)
    for url in (f"/registry/import/{run.pk}/", f"/registry/import/{run.pk}/errors/"):
        refused = client.get(url)
        assert refused.status_code == 403 and "chỉ cán bộ của xã" in refused.content.decode()
    client.force_login(longduc_officer)
    assert client.get(f"/registry/import/{run.pk}/errors/").status_code == 200

    upload = tmp_path / "upload.csv"
    upload.write_text("Tên,Tuổi\nA,3\n", encoding="utf-8")
    bad = residents_run_create(upload, user=longduc_officer, commune=today_commune, listed_on=LIST_DAY,
                               delete_file=True)
    from functools import partial

    from ansinh.core import jobs
    from ansinh.enrollment.prospects import residents_run

    with pytest.raises(DomainError):
        jobs.run(ImportRun, bad.pk, partial(residents_run, bad.pk))
    assert not upload.exists()
    assert ResidentList.objects.count() == 1  # no empty list for the file refused
