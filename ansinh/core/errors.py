"""Domain errors with a stable code (for the API) and a Vietnamese message (for pages).

Every code comes from an error-code enum: `Code` here (the API's own and those several apps share), the
rules engine's `ansinh.rules.errors.ErrorCode`, and one `errors.py` per app. `docs/errors.md` lists them
all (generated from the enums and checked by a test).
"""

from enum import StrEnum

from django.core import exceptions as django_exceptions


class Codes(StrEnum):
    """Base of the error-code enums: each member is its code, with a one-line description for the docs."""

    def __new__(cls, value: str, description: str = ""):
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member


class Code(Codes):
    """Codes of the API itself and those several apps share."""

    NOT_FOUND = "not_found", "The object does not exist, or lies outside your area."
    PERMISSION_DENIED = "permission_denied", "Your role does not allow the action."
    NOT_AUTHENTICATED = "not_authenticated", "Not signed in."
    AUTHENTICATION_FAILED = "authentication_failed", "Wrong login."
    METHOD_NOT_ALLOWED = "method_not_allowed", "The HTTP method is not supported here."
    THROTTLED = "throttled", "Too many requests; try again later."
    PARSE_ERROR = "parse_error", "The request body cannot be read."
    VALIDATION_ERROR = "validation_error", "Input fields are invalid; `fields` names each one and why."
    ERROR = "error", "Another refusal of the framework (the message says why)."
    INVALID_NUMBER = "invalid_number", "A cell or field is not a (whole) number."
    INVALID_SCHEME = "invalid_scheme", "Not a scheme the operation accepts."
    INVALID_KIND = "invalid_kind", "Not a kind the operation accepts."
    INVALID_YEAR = "invalid_year", "A year outside the accepted range."
    INVALID_INDICATOR = "invalid_indicator", "Not a known indicator."
    NEGATIVE_VALUE = "negative_value", "A figure below zero."
    SOURCE_REQUIRED = "source_required", "A figure or status needs its source (document, report, decision)."
    NAME_REQUIRED = "name_required", "A name is missing."
    NOT_A_MEMBER = "not_a_member", "The person is not a member of the household (or team)."
    UNKNOWN_UNIT = "unknown_unit", "No administrative unit has this code (in the era asked)."
    UNIT_REQUIRED = "unit_required", "A unit code is needed."
    MISSING_COLUMNS = "missing_columns", "The file lacks columns the import needs."
    UNREADABLE_FILE = "unreadable_file", "The file cannot be read (damaged, or not CSV/Excel)."
    EMPTY_FILE = "empty_file", "The file has no data rows."
    DUPLICATE_IN_FILE = "duplicate_in_file", "The same thing (code, or unit and year) is on an earlier row of the file."
    DUPLICATE_FILE = "duplicate_file", "The same file was imported before; importing it again changes nothing."
    INVALID_PARAMETER = "invalid_parameter", "A query parameter has a value not in its list."
    FIELD_TOO_LONG = "field_too_long", "A text is longer than its field holds (the message gives both lengths)."
    NOT_RETRYABLE = "not_retryable", "The job is queued, running or done: only a failed or stalled job is run again."


class DomainError(Exception):
    """A refused operation: `code` is stable (an error-code enum member), `message` is shown in Vietnamese."""

    code: StrEnum = Code.ERROR
    status = 400

    def __init__(self, message: str, *, code: StrEnum | None = None, field: str | None = None,
                 status: int | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            if not isinstance(code, StrEnum):
                raise TypeError(f"error code {code!r} is not a member of an error-code enum")
            self.code = code
        if status:
            self.status = status
        self.field = field

    def as_dict(self) -> dict:
        """The error as the API's JSON body."""
        body = {"code": str(self.code), "message": self.message}
        if self.field:
            body["field"] = self.field
        return {"error": body}


class NotFound(DomainError):
    """The object does not exist or lies outside the user's area."""

    code = Code.NOT_FOUND
    status = 404


class PermissionDenied(django_exceptions.PermissionDenied):
    """The user's role does not allow the action: 403 with the reason in Vietnamese.

    Not a DomainError: views that turn refusals into form messages let it through, so pages answer 403
    (Django's handler) and the API answers 403 with its JSON body (`core.api.exception_handler`).
    """

    code = Code.PERMISSION_DENIED
    status = 403
    field = None

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def as_dict(self) -> dict:
        """The error as the API's JSON body."""
        return {"error": {"code": str(self.code), "message": self.message}}


def check_length(value: str | None, max_length: int, label: str, *, field: str | None = None) -> str:
    """A text that fits its column, or a refusal naming the field and both lengths (never cut short)."""
    text = value or ""
    if len(text) > max_length:
        raise DomainError(f"{label} dài {len(text)} ký tự, tối đa {max_length}.", code=Code.FIELD_TOO_LONG,
                          field=field)
    return text
