"""Forms for campaign pages (Vietnamese labels). Units, teams, points and staff are entered by code."""

from django import forms

from ansinh.campaigns.choices import SCHEME_CHOICES, TARGET_GROUPS, ActivityKind, TargetHolder
from ansinh.core.forms import date_field


class CampaignForm(forms.Form):
    """Create or edit a campaign."""

    name = forms.CharField(label="Tên chiến dịch", max_length=200)
    theme = forms.CharField(label="Chủ đề", max_length=300, required=False)
    start_date = date_field("Từ ngày")
    end_date = date_field("Đến ngày", required=False)
    area_code = forms.CharField(label="Địa bàn (mã đơn vị: VN, mã tỉnh hoặc xã)", max_length=5,
                                help_text="Đơn vị hành chính của thời điểm chiến dịch: trước 1/7/2025 là 63 tỉnh.")
    organisers = forms.CharField(label="Đơn vị tổ chức (mỗi dòng một đơn vị: BHXH, Bưu điện các cấp)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    joint_plan = forms.CharField(label="Kế hoạch liên tịch", max_length=200, required=False)
    groups = forms.MultipleChoiceField(label="Nhóm đối tượng", required=False, choices=[(g, g) for g in TARGET_GROUPS],
                                       widget=forms.CheckboxSelectMultiple)
    other_groups = forms.CharField(label="Nhóm khác", max_length=200, required=False)
    retention_date = date_field("Duy trì tham gia ít nhất đến ngày", required=False)
    notes = forms.CharField(label="Ghi chú, nguồn", required=False, widget=forms.Textarea(attrs={"rows": 2}))

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
                "end_date": campaign.end_date, "area_code": campaign.area.code, "organisers": campaign.organisers,
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

    unit_code = forms.CharField(label="Chia chỉ tiêu của đơn vị (mã)", max_length=5)
    scheme = forms.ChoiceField(label="Loại hình", choices=SCHEME_CHOICES)
    into = forms.ChoiceField(label="Chia cho", choices=[("units", "Đơn vị cấp dưới trực tiếp"),
                                                        ("communes", "Tất cả các xã"), ("points", "Điểm thu")])
    by = forms.ChoiceField(label="Cách chia", choices=[("equal", "Chia đều"), ("population", "Theo dân số"),
                                                       ("staff", "Theo số cán bộ"), ("teams", "Theo số đội")])


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
    unit_code = forms.CharField(label="Thuộc đơn vị (mã)", max_length=5)
    areas = forms.CharField(label="Địa bàn phụ trách (mã xã, cách nhau bằng dấu phẩy)", required=False)
    leader = forms.CharField(label="Đội trưởng (mã cán bộ)", max_length=20, required=False)
    members = forms.CharField(label="Thành viên (mã cán bộ, cách nhau bằng dấu phẩy)", required=False)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


class MemberForm(forms.Form):
    """Add a member to a team."""

    staff_code = forms.CharField(label="Mã cán bộ", max_length=20)


class ActivityForm(forms.Form):
    """Log an activity."""

    day = date_field("Ngày")
    kind = forms.ChoiceField(label="Hoạt động", choices=ActivityKind.choices)
    unit_code = forms.CharField(label="Đơn vị (mã)", max_length=5)
    team_code = forms.CharField(label="Đội (mã, không bắt buộc)", max_length=20, required=False)
    quantity = forms.IntegerField(label="Số lượng (xe, hộ, điểm, tờ, lượt, người)", min_value=0, required=False)
    participants = forms.IntegerField(label="Số cán bộ tham gia", min_value=0, required=False)
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class ResultForm(forms.Form):
    """New participants enrolled outside ansinh, reported for a unit (by a staff member, or for the unit)."""

    unit_code = forms.CharField(label="Đơn vị (mã)", max_length=5)
    day = date_field("Ngày")
    scheme = forms.ChoiceField(label="Loại hình", choices=SCHEME_CHOICES)
    count = forms.IntegerField(label="Số người tham gia mới (ngoài số đã ghi từng hồ sơ trong ansinh)")
    staff_code = forms.CharField(label="Của cán bộ (mã, không bắt buộc)", max_length=20, required=False)
    amount = forms.IntegerField(label="Số tiền thu (đồng, không bắt buộc)", required=False)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


class CorrectionForm(forms.Form):
    """A result corrected to the right figure, with its reason."""

    unit_code = forms.CharField(label="Đơn vị (mã)", max_length=5)
    day = date_field("Ngày")
    scheme = forms.ChoiceField(label="Loại hình", choices=SCHEME_CHOICES)
    count = forms.IntegerField(label="Số đúng (thay cho số đang có)", min_value=0)
    staff_code = forms.CharField(label="Cán bộ (mã, không bắt buộc)", max_length=20, required=False)
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
