"""Search pickers: type a few letters without accents ("lam dong"), pick "Tỉnh Lâm Đồng (68)" from the list.

A `Picker` says what rows a user may pick (in their area, valid on the record's date), how each is labelled
and how typed text is searched; `PickerField` is the form field, `PickerInput` its widget. As one types,
the widget asks `/pick/<name>/` (web.views.pick) for the matching rows and shows them under the input;
a tap fills the input with the row's label. Without JavaScript the typed text is resolved when the form is
sent: the label's trailing "(code)", else the one row the text matches; several matches are an error that
names them. Every label ends with the row's code in brackets, so a label always finds its row again.

A field may hold several rows (`many=True`: labels separated by ";", the widget completes the last one), and may
follow a date of its form (`date_from="valid_from"`: the rows offered are those valid on the date typed there, in
the browser as in the form's check — see `PickerForm`).
"""

import datetime as dt
import re
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from ansinh.core.forms import read_date
from ansinh.core.text import fold

KEY = re.compile(r"\(([^()]+)\)\s*$")
SUGGESTIONS = 15


class Picker:
    """What a picker offers. Subclasses set `name` (its URL) and `noun`, and define `choices` and `label`."""

    name = ""
    noun = "dòng"
    key_field = "code"

    def choices(self, user, **options) -> QuerySet:
        """The rows the user may pick with these options."""
        raise NotImplementedError

    def label(self, row) -> str:
        """How a row is shown and typed back: ends with '(<key>)'."""
        return f"{row} ({getattr(row, self.key_field)})"

    def search(self, rows: QuerySet, text: str) -> list:
        """Rows matching typed text, best first (subclasses rank; the default keeps the queryset's order)."""
        return list(rows.filter(search_text__contains=fold(text))[:SUGGESTIONS])

    def exact(self, matches: list, words: str) -> list:
        """The matches that typed text names exactly (their label starts with it); one of them is picked."""
        return [m for m in matches if fold(self.label(m)).startswith(fold(words))]

    def options(self, params) -> dict:
        """The options of a request to the picker's URL (as the widget encodes them)."""
        return {}

    def initial(self, user, **options):
        """The row to pre-fill for the user (their own unit, their collection point), or None."""
        return None

    def resolve(self, user, text: str, **options):
        """The row typed text names; a ValidationError in Vietnamese says why none or several."""
        text = text.replace("\x00", "")  # PostgreSQL refuses NUL in a query; nobody types it
        rows = self.choices(user, **options)
        key = KEY.search(text)
        if key is not None:
            keyed = list(rows.filter(**{self.key_field: key.group(1).strip()})[:5])
            if len(keyed) > 1:  # one code in two structures (Lâm Đồng, 68, before and after 1/7/2025): the label says
                keyed = [row for row in keyed if fold(self.label(row)) == fold(text)] or keyed[:0]
            if len(keyed) == 1:
                return keyed[0]
        words = typed(text)
        if words:
            coded = list(rows.filter(**{f"{self.key_field}__iexact": words})[:2])  # a code typed as it is
            if len(coded) == 1:
                return coded[0]
        matches = self.search(rows, words)
        exact = self.exact(matches, words)
        if len(matches) == 1 or len(exact) == 1:
            return (exact or matches)[0]
        if not matches:
            raise forms.ValidationError(f"Không tìm thấy {self.noun} “{text}” trong danh sách bạn được chọn.")
        shown = "; ".join(self.label(m) for m in matches[:5])
        raise forms.ValidationError(f"Có nhiều {self.noun} khớp “{text}”: {shown}… Hãy chọn một dòng trong danh "
                                    "sách gợi ý.")


def typed(text: str) -> str:
    """What to search for in typed text: a label loses its "(code)" and what follows its name (" — …")."""
    return KEY.sub("", text.replace("\x00", "")).split(" — ")[0].strip()


def date_option(value) -> dt.date:
    """A date option of a picker URL (ISO or dd/mm/yyyy as typed), today when absent or unreadable."""
    if isinstance(value, dt.date):
        return value
    return read_date(value) or timezone.localdate()


class PickerInput(forms.TextInput):
    """A text input that lists matching rows under itself as one types (htmx), tap to pick."""

    template_name = "core/widgets/picker.html"

    def __init__(self, picker: Picker, options: dict, attrs=None, *, many: bool = False):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", "role": "combobox",
                                "aria-autocomplete": "list", **(attrs or {})})
        self.picker, self.options, self.many = picker, options, many
        self.date_input_id = ""  # set by PickerForm: the id of the date input whose date the picker follows

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        params = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.options.items() if v}
        context["widget"]["url"] = f"{reverse('pick', args=[self.picker.name])}?{urlencode({**params, 'field': name})}"
        context["widget"]["many"] = self.many
        context["widget"]["date_input_id"] = self.date_input_id
        return context


class PickerField(forms.Field):
    """A row (or, with `many`, a list of rows) chosen with a search picker, limited to what
    `picker.choices(user, **options)` offers; `date_from` names the form's date field the rows must be valid on."""

    def __init__(self, picker: Picker, *, user, options: dict | None = None, prefill: bool = True,
                 many: bool = False, date_from: str = "", **kwargs):
        self.picker, self.user, self.many, self.date_from = picker, user, many, date_from
        self.picker_options = dict(options or {})
        kwargs.setdefault("widget", PickerInput(picker, self.picker_options, many=many))
        help_text = f"Gõ vài chữ (không cần dấu) rồi chọn {picker.noun} trong danh sách"
        kwargs.setdefault("help_text", help_text + ("; chọn thêm sau dấu ;." if many else "."))
        super().__init__(**kwargs)
        if prefill and self.initial is None and not many:
            self.initial = picker.initial(user, **self.picker_options)

    def __deepcopy__(self, memo):
        # A form's copy of the field gets its own options (PickerForm sets the date of its own data there).
        copied = super().__deepcopy__(memo)
        copied.picker_options = dict(self.picker_options)
        copied.widget.options = copied.picker_options
        return copied

    def follow(self, value) -> None:
        """Offer the rows valid on the date typed in the form (or, for a year field, in that year)."""
        if isinstance(value, int):
            self.picker_options["year"] = value
        else:
            self.picker_options["on"] = date_option(value)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value or ""
        if isinstance(value, list | tuple):
            return "; ".join(v if isinstance(v, str) else self.picker.label(v) for v in value)
        return self.picker.label(value)

    def to_python(self, value):
        if self.many:
            seen, rows = set(), []
            for part in str(value or "").replace("\n", ";").split(";"):
                text = " ".join(part.split())
                if text:
                    row = self.picker.resolve(self.user, text, **self.picker_options)
                    if row.pk not in seen:
                        seen.add(row.pk)
                        rows.append(row)
            return rows
        text = " ".join(str(value or "").split())
        if not text:
            return None
        return self.picker.resolve(self.user, text, **self.picker_options)

    def has_changed(self, initial, data) -> bool:
        return self.prepare_value(initial) != (data or "")


class PickerForm(forms.Form):
    """A form whose pickers follow one of its dates (`PickerField(date_from=...)`): the browser asks for the rows
    valid on the date typed, and the form resolves the picked rows on the date sent (today when it is unreadable).
    A year field (a plan's year) is followed as the rows that exist on some day of that year."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_pickers(user)
        for field in self.fields.values():
            if isinstance(field, PickerField) and field.date_from in self.fields:
                date_field = self[field.date_from]
                field.widget.date_input_id = date_field.auto_id
                typed_value = self.data.get(date_field.html_name) if self.is_bound else self.get_initial_for_field(
                    self.fields[field.date_from], field.date_from)
                if isinstance(self.fields[field.date_from], forms.IntegerField):
                    text = str(typed_value or "").strip()
                    field.follow(int(text) if text.isdigit() and 1900 < int(text) < 2200 else timezone.localdate().year)
                else:
                    field.follow(typed_value)

    def add_pickers(self, user) -> None:
        """Add the form's picker fields (they need the user); called before the pickers follow their date."""
