"""Domain errors with a stable code (for the API) and a Vietnamese message (for pages)."""


class DomainError(Exception):
    """A refused operation: `code` is stable, `message` is shown to the user in Vietnamese."""

    code = "invalid"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None,
                 status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.field = field

    def as_dict(self) -> dict:
        """The error as the API's JSON body."""
        body = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        return {"error": body}


class NotFound(DomainError):
    """The object does not exist or lies outside the user's area."""

    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    """The user's role does not allow the action."""

    code = "permission_denied"
    status = 403
