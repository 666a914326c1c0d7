"""Search pickers: type a few letters without accents ("lam dong"), pick "Tỉnh Lâm Đồng (68)" from the list.

A `Picker` says what rows a user may pick (in their area, valid on the record's date), how each is labelled
and how typed text is searched; `PickerField` is the form field, `PickerInput` its widget. As one types,
the widget asks `/pick/<name>/` (web.views.pick) for the matching rows and shows them under the input;
a tap fills the input with the row's label. Without JavaScript the typed text is resolved when the form is
sent: the label's trailing "(code)", else the one row the text matches; several matches are an error that
names them. Every label ends with the row's code in brackets, so a label always finds its row again.
"""

import datetime as dt
import re
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

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

    def options(self, params) -> dict:
        """The options of a request to the picker's URL (as the widget encodes them)."""
        return {}

    def initial(self, user, **options):
        """The row to pre-fill for the user (their own unit, their collection point), or None."""
        return None

    def resolve(self, user, text: str, **options):
        """The row typed text names; a ValidationError in Vietnamese says why none or several."""
        rows = self.choices(user, **options)
        key = KEY.search(text)
        if key is not None:
            row = rows.filter(**{self.key_field: key.group(1).strip()}).first()
            if row is not None:
                return row
        words = typed(text)
        matches = self.search(rows, words)
        exact = [m for m in matches if fold(self.label(m)).startswith(fold(words))]
        if len(matches) == 1 or len(exact) == 1:
            return (exact or matches)[0]
        if not matches:
            raise forms.ValidationError(f"Không tìm thấy {self.noun} “{text}” trong danh sách bạn được chọn.")
        shown = "; ".join(self.label(m) for m in matches[:5])
        raise forms.ValidationError(f"Có nhiều {self.noun} khớp “{text}”: {shown}… Hãy chọn một dòng trong danh "
                                    "sách gợi ý.")


def typed(text: str) -> str:
    """What to search for in typed text: a label loses its "(code)" and what follows its name (" — …")."""
    return KEY.sub("", text).split(" — ")[0].strip()


def date_option(value) -> dt.date:
    """A date option of a picker URL (ISO), today when absent or unreadable."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return timezone.localdate()


class PickerInput(forms.TextInput):
    """A text input that lists matching rows under itself as one types (htmx), tap to pick."""

    template_name = "core/widgets/picker.html"

    def __init__(self, picker: Picker, options: dict, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", "role": "combobox",
                                "aria-autocomplete": "list", **(attrs or {})})
        self.picker, self.options = picker, options

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        params = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.options.items() if v}
        context["widget"]["url"] = f"{reverse('pick', args=[self.picker.name])}?{urlencode({**params, 'field': name})}"
        return context


class PickerField(forms.Field):
    """A row chosen with a search picker, limited to what `picker.choices(user, **options)` offers."""

    def __init__(self, picker: Picker, *, user, options: dict | None = None, prefill: bool = True, **kwargs):
        self.picker, self.user, self.picker_options = picker, user, dict(options or {})
        kwargs.setdefault("widget", PickerInput(picker, self.picker_options))
        kwargs.setdefault("help_text", f"Gõ vài chữ (không cần dấu) rồi chọn {picker.noun} trong danh sách.")
        super().__init__(**kwargs)
        if prefill and self.initial is None:
            self.initial = picker.initial(user, **self.picker_options)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value or ""
        return self.picker.label(value)

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        return self.picker.resolve(self.user, text, **self.picker_options)

    def has_changed(self, initial, data) -> bool:
        return self.prepare_value(initial) != (data or "")
