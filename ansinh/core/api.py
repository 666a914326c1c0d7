"""API plumbing: one JSON error shape `{"error": {"code", "message"}}` for every failure."""

from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ansinh.core.errors import Code, DomainError, PermissionDenied
from ansinh.core.scoping import Action, require_role  # noqa: F401 - Action re-read by viewsets

DRF_CODES = {
    drf_exceptions.NotAuthenticated: (Code.NOT_AUTHENTICATED, "Chưa đăng nhập."),
    drf_exceptions.AuthenticationFailed: (Code.AUTHENTICATION_FAILED, "Sai thông tin đăng nhập."),
    drf_exceptions.PermissionDenied: (Code.PERMISSION_DENIED, "Không có quyền thực hiện thao tác này."),
    drf_exceptions.NotFound: (Code.NOT_FOUND, "Không tìm thấy."),
    Http404: (Code.NOT_FOUND, "Không tìm thấy."),
    drf_exceptions.MethodNotAllowed: (Code.METHOD_NOT_ALLOWED, "Phương thức không được hỗ trợ."),
    drf_exceptions.Throttled: (Code.THROTTLED, "Quá nhiều yêu cầu, vui lòng thử lại sau."),
    drf_exceptions.ParseError: (Code.PARSE_ERROR, "Dữ liệu gửi lên không đọc được."),
    drf_exceptions.UnsupportedMediaType: (Code.PARSE_ERROR, "Dữ liệu gửi lên không đọc được: gửi JSON hoặc biểu mẫu."),
}


class Pages(LimitOffsetPagination):
    """`?limit=&offset=` pages of 50 by default and at most 500: no request reads a whole area at once."""

    default_limit = 50
    max_limit = 500


class RoleChecked:
    """A viewset mixin: each unsafe action names the right it needs (`write_actions = {"create": Action.REGISTER}`),
    checked before the input is read, so a role without it gets 403 and the reason, whatever it sent."""

    write_actions: dict = {}
    lookup_value_regex = "[0-9]+"  # ids are integers: anything else is a 404 (viewsets keyed by code say their own)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        needed = self.write_actions.get(self.action)
        if needed and request.method not in ("GET", "HEAD", "OPTIONS"):
            require_role(request.user, needed)


def exception_handler(exc, context):
    """Turn DRF, Django and domain errors into the project's JSON error body."""
    if isinstance(exc, DomainError | PermissionDenied):
        return Response(exc.as_dict(), status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf_exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"error": {"code": str(Code.VALIDATION_ERROR), "message": "Dữ liệu không hợp lệ.",
                                   "fields": fields}}
        return response
    for exc_type, (code, message) in DRF_CODES.items():
        if isinstance(exc, exc_type):
            response.data = {"error": {"code": str(code), "message": message}}
            return response
    response.data = {"error": {"code": str(Code.ERROR), "message": str(exc)}}
    return response


def json_404(request, exception=None):
    """404 for /api/ paths that no route matched: JSON, never an HTML page."""
    return JsonResponse({"error": {"code": str(Code.NOT_FOUND), "message": "Không tìm thấy."}}, status=404)


class ErrorDetailSerializer(serializers.Serializer):
    """The body of an error."""

    code = serializers.CharField(help_text="Stable code: person_exists, already_enrolled, duplicate_receipt, "
                                           "income_below_minimum, validation_error, not_found…")
    message = serializers.CharField(help_text="What went wrong, in Vietnamese.")
    field = serializers.CharField(required=False, help_text="The input field at fault, when there is one.")
    fields = serializers.DictField(required=False, help_text="Per-field messages of a validation_error.")


class ErrorSerializer(serializers.Serializer):
    """Every error of the API: {"error": {"code", "message"}}."""

    error = ErrorDetailSerializer()


WORK_FIELDS = ["state", "progress", "step", "error", "created_at", "started_at", "finished_at", "heartbeat_at",
               "attempts", "stalled"]


class WorkFields(serializers.ModelSerializer):
    """The fields of a background job (core.models.Work): `stalled` is true when a running job's worker has been
    silent longer than ANSINH_JOB_STALE_SECONDS — it can then be retried."""

    stalled = serializers.BooleanField(read_only=True)


def not_retryable() -> DomainError:
    return DomainError("Việc này đang chờ, đang chạy hoặc đã xong: chỉ chạy lại việc bị lỗi hoặc mất tín hiệu.",
                       code=Code.NOT_RETRYABLE, status=409)


# The refusals any operation may answer with, documented on every operation that does not say its own
# (drf-spectacular post-processing hook): each has the JSON error body and its stable code.
ERROR_RESPONSES = {
    "400": "Refused input: `error.code` says why (`validation_error` names each field in `error.fields`).",
    "401": "Not signed in (`not_authenticated`, `authentication_failed`).",
    "403": "Your role does not allow it, or not on this record (`permission_denied`).",
    "404": "No such record, or outside your area (`not_found`).",
    "415": "The body is not JSON, a form or multipart, or cannot be read as what it says (`parse_error`).",
    "429": "Too many requests (`throttled`); try again later.",
}


def document_errors(result, generator, request, public):
    """Add the common error answers (ERROR_RESPONSES, the `Error` body) to every operation lacking them."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": description, "content": body})
    return result
