"""Forms for campaign pages (Vietnamese labels). Units and staff are search pickers of the user's area (units of the
campaign's structure: those that exist on its start day, or on the day of a result); a target's holder and a team
are named by code."""

import datetime as dt

from django import forms

from ansinh.campaigns.choices import SCHEME_CHOICES, TARGET_GROUPS, ActivityKind, TargetHolder
from ansinh.core.forms import date_field
from ansinh.core.pickers import PickerField, PickerForm
from ansinh.geo.choices import Level
from ansinh.geo.pickers import UNITS
from ansinh.network.pickers import STAFF


def unit_field(user, label: str, *, on: dt.date | None = None, follows: str = "", **kwargs) -> PickerField:
    """A unit of the user's area that exists on the campaign's day `on` (or on the form's date `follows`)."""
    return PickerField(UNITS, user=user, options={"on": on} if on else {}, date_from=follows, label=label, **kwargs)


def staff_field(user, label: str, *, follows: str = "", **kwargs) -> PickerField:
    """A staff member of the user's area (active on the form's date `follows`; else working or not)."""
    return PickerField(STAFF, user=user, options={} if follows else {"any_date": "1"}, date_from=follows,
                       label=label, **kwargs)


class CampaignForm(PickerForm):
    """Create or edit a campaign."""

    name = forms.CharField(label="Tên chiến dịch", max_length=200)
    theme = forms.CharField(label="Chủ đề", max_length=300, required=False)
    start_date = date_field("Từ ngày")
    end_date = date_field("Đến ngày", required=False)
    organisers = forms.CharField(label="Đơn vị tổ chức (mỗi dòng một đơn vị: BHXH, Bưu điện các cấp)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    joint_plan = forms.CharField(label="Kế hoạch liên tịch", max_length=200, required=False)
    groups = forms.MultipleChoiceField(label="Nhóm đối tượng", required=False, choices=[(g, g) for g in TARGET_GROUPS],
                                       widget=forms.CheckboxSelectMultiple)
    other_groups = forms.CharField(label="Nhóm khác", max_length=200, required=False)
    retention_date = date_field("Duy trì tham gia ít nhất đến ngày", required=False)
    notes = forms.CharField(label="Ghi chú, nguồn", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def add_pickers(self, user) -> None:
        self.fields["area"] = unit_field(user, "Địa bàn (cả nước, tỉnh, huyện hoặc xã)", follows="start_date",
                                         help_text="Đơn vị có vào ngày bắt đầu: trước 1/7/2025 là 63 tỉnh cũ. Gõ vài "
                                                   "chữ (không cần dấu) rồi chọn trong danh sách.")

    def clean(self):
        data = super().clean()
        if data.get("start_date") and not data.get("end_date"):
            data["end_date"] = data["start_date"]  # a launch day
        groups = list(data.get("groups") or [])
        other = (data.get("other_groups") or "").strip()
        data["target_groups"] = "; ".join(groups + ([other] if other else []))[:300]
        return data

    @classmethod
    def initial_for(cls, campaign) -> dict:
        """Initial values from a campaign."""
        groups = [g.strip() for g in campaign.target_groups.split(";") if g.strip()]
        return {"name": campaign.name, "theme": campaign.theme, "start_date": campaign.start_date,
                "end_date": campaign.end_date, "area": campaign.area, "organisers": campaign.organisers,
                "joint_plan": campaign.joint_plan, "groups": [g for g in groups if g in TARGET_GROUPS],
                "other_groups": "; ".join(g for g in groups if g not in TARGET_GROUPS),
                "retention_date": campaign.retention_date, "notes": campaign.notes}


class TargetForm(forms.Form):
    """Set one target."""

    holder = forms.ChoiceField(label="Giao cho", choices=TargetHolder.choices, initial=TargetHolder.UNIT)
    code = forms.CharField(label="Mã (đơn vị, điểm thu, đội hoặc cán bộ)", max_length=20)
    scheme = forms.ChoiceField(label="Loại hình", choices=SCHEME_CHOICES)
    count = forms.IntegerField(label="Chỉ tiêu (người)", min_value=0)
    revenue = forms.IntegerField(label="Doanh thu (đồng, không bắt buộc)", min_value=0, required=False)


class SplitForm(forms.Form):
    """Split a unit's target down."""

    scheme = forms.ChoiceField(label="Loại hình", choices=SCHEME_CHOICES)
    into = forms.ChoiceField(label="Chia cho", choices=[("units", "Đơn vị cấp dưới trực tiếp"),
                                                        ("communes", "Tất cả các xã"), ("points", "Điểm thu")])
    by = forms.ChoiceField(label="Cách chia", choices=[("equal", "Chia đều"), ("population", "Theo dân số"),
                                                       ("staff", "Theo số cán bộ"), ("teams", "Theo số đội")])

    def __init__(self, *args, user, on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, "Chia chỉ tiêu của đơn vị", on=on)
        self.order_fields(["unit"])


class QuotaForm(forms.Form):
    """Targets from a per-staff quota."""

    vsi = forms.IntegerField(label="BHXH tự nguyện / người", min_value=0, initial=1)
    hh = forms.IntegerField(label="BHYT hộ gia đình / người", min_value=0, initial=2)
    who = forms.ChoiceField(label="Áp dụng cho", choices=[("bhxh", "Viên chức BHXH trong địa bàn"),
                                                          ("post", "Nhân viên Bưu điện trong địa bàn"),
                                                          ("all", "Mọi cán bộ thu trong địa bàn"),
                                                          ("members", "Thành viên các đội của chiến dịch")])


class TeamForm(forms.Form):
    """Create a team."""

    code = forms.CharField(label="Mã đội", max_length=20)
    name = forms.CharField(label="Tên đội", max_length=120)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(self, *args, user, on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, "Thuộc đơn vị", on=on)
        self.fields["areas"] = PickerField(UNITS, user=user, options={"level": Level.COMMUNE, "on": on}, many=True,
                                           required=False, label="Địa bàn phụ trách (các xã)")
        self.fields["leader"] = staff_field(user, "Đội trưởng", required=False, prefill=False)
        self.fields["members"] = staff_field(user, "Thành viên", many=True, required=False)
        self.order_fields(["code", "name", "unit", "areas", "leader", "members", "note"])


class MemberForm(forms.Form):
    """Add a member to a team (or take one off)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"] = staff_field(user, "Cán bộ", prefill=False)


class ActivityForm(PickerForm):
    """Log an activity."""

    day = date_field("Ngày")
    kind = forms.ChoiceField(label="Hoạt động", choices=ActivityKind.choices)
    team_code = forms.CharField(label="Đội (mã, không bắt buộc)", max_length=20, required=False)
    quantity = forms.IntegerField(label="Số lượng (xe, hộ, điểm, tờ, lượt, người)", min_value=0, required=False)
    participants = forms.IntegerField(label="Số cán bộ tham gia", min_value=0, required=False)
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)

    def add_pickers(self, user) -> None:
        self.fields["unit"] = unit_field(user, "Đơn vị", follows="day")


class _DayResult(PickerForm):
    """A unit's (or one staff member's) figure of a day: the unit and staff offered are those of that day."""

    def add_pickers(self, user) -> None:
        self.fields["unit"] = unit_field(user, "Đơn vị", follows="day")
        self.fields["staff"] = staff_field(user, "Của cán bộ (không bắt buộc)", follows="day", required=False,
                                           prefill=False)
        self.order_fields(["unit", "day", "scheme", "count", "staff"])


class ResultForm(_DayResult):
    """New participants enrolled outside ansinh, reported for a unit (by a staff member, or for the unit)."""

    day = date_field("Ngày")
    scheme = forms.ChoiceField(label="Loại hình", choices=SCHEME_CHOICES)
    count = forms.IntegerField(label="Số người tham gia mới (ngoài số đã ghi từng hồ sơ trong ansinh)")
    amount = forms.IntegerField(label="Số tiền thu (đồng, không bắt buộc)", required=False)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


class CorrectionForm(_DayResult):
    """A result corrected to the right figure, with its reason."""

    day = date_field("Ngày")
    scheme = forms.ChoiceField(label="Loại hình", choices=SCHEME_CHOICES)
    count = forms.IntegerField(label="Số đúng (thay cho số đang có)", min_value=0)
    reason = forms.CharField(label="Lý do", max_length=300)


class TeamDayForm(forms.Form):
    """A team's day: for each member and scheme, the new participants enrolled outside ansinh (blank = 0)."""

    def __init__(self, *args, rows: list[dict], schemes: list[str], labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for row in rows:
            staff = row["staff"]
            for scheme in schemes:
                name = f"r-{staff.pk}-{scheme}"
                self.fields[name] = forms.IntegerField(
                    label=f"{staff.full_name} — {labels[scheme]}", min_value=0, max_value=10_000, required=False,
                    initial=row["reported"].get(scheme) or None,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "day-cell",
                                                    "data-scheme": scheme, "placeholder": "0"}))
                self.cells.append((staff.pk, scheme, name))

    def figures(self) -> dict[tuple[int, str], int]:
        """{(staff id, scheme): count} as typed (blank = 0)."""
        return {(staff_id, scheme): self.cleaned_data.get(name) or 0 for staff_id, scheme, name in self.cells}


class ImportForm(forms.Form):
    """Upload a results file (CSV or Excel)."""

    file = forms.FileField(label="Tệp kết quả (CSV hoặc Excel: mã đơn vị, ngày, loại hình, số người)")


class CloseForm(forms.Form):
    """Reopen needs a reason."""

    reason = forms.CharField(label="Lý do mở lại", max_length=300, required=False)


def form_errors(form: forms.Form) -> list[str]:
    """Vietnamese messages naming each field in error."""
    out = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        out.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return out
