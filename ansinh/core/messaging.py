"""Channels that carry a message to a person: e-mail (Django's SMTP backend), SMS (an HTTP gateway configured by
URL and token) and Zalo ZNS (its template API). A channel sends one message and says what became of it; it never
raises for a refused or failed message — the caller logs the Delivery. Which are on is read from the settings
(docs/reminders.md)."""

import json
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Protocol

import phonenumbers
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid

HTTP_TIMEOUT = 15  # seconds


@dataclass(frozen=True)
class Message:
    """What to send: the address (a phone 0XXXXXXXXX or an e-mail), the text, and what a channel may add (an
    e-mail's subject and attachments, a Zalo template's fields); `reference` travels with it to the provider."""

    to: str
    text: str
    subject: str = ""
    reference: str = ""
    data: dict = field(default_factory=dict)
    attachments: tuple[tuple[str, bytes, str], ...] = ()


@dataclass(frozen=True)
class Delivery:
    """What a channel made of a message: accepted (with the provider's id), or failed with the reason."""

    ok: bool
    provider_id: str = ""
    error: str = ""


class Channel(Protocol):
    """Anything that sends a Message."""

    name: str

    def send(self, message: Message) -> Delivery: ...


def international(phone: str) -> str:
    """0912345678 → 84912345678: the form SMS gateways and Zalo expect (digits, country code first)."""
    number = phonenumbers.parse(phone, "VN")
    return f"{number.country_code}{number.national_number}"


class EmailChannel:
    """E-mail through Django's backend (EMAIL_HOST, EMAIL_PORT…): plain text, with attachments."""

    name = "email"

    def send(self, message: Message) -> Delivery:
        msgid = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "ansinh")
        email = EmailMultiAlternatives(subject=message.subject, body=message.text, to=[message.to],
                                       headers={"Message-ID": msgid, "X-Ansinh-Reference": message.reference})
        for name, content, mime in message.attachments:
            email.attach(name, content, mime)
        try:
            email.send()
        except (smtplib.SMTPException, OSError) as exc:
            return Delivery(ok=False, error=f"SMTP: {exc}"[:300])
        return Delivery(ok=True, provider_id=msgid)


def _post_json(url: str, body: dict, headers: dict) -> tuple[int, dict | None, str]:
    """POST a JSON body; (status, the JSON answer or None, the raw answer's start). Network errors are status 0."""
    request = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as answer:  # noqa: S310 (a configured URL)
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    except (urllib.error.URLError, OSError) as exc:
        return 0, None, str(getattr(exc, "reason", exc))
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = None
    return status, parsed if isinstance(parsed, dict) else None, raw[:200].decode(errors="replace")


class HttpSmsChannel:
    """SMS through an HTTP gateway (a brandname SMS provider): POST {"to", "text", "sender", "reference"} to the URL
    with `Authorization: Bearer <token>`; a 2xx answer with an "id" (or "message_id") is accepted."""

    name = "sms"

    def __init__(self, url: str, token: str, sender: str):
        self.url, self.token, self.sender = url, token, sender

    def send(self, message: Message) -> Delivery:
        body = {"to": international(message.to), "text": message.text, "sender": self.sender,
                "reference": message.reference}
        status, answer, raw = _post_json(self.url, body, {"Authorization": f"Bearer {self.token}"})
        if 200 <= status < 300:
            return Delivery(ok=True, provider_id=str((answer or {}).get("id") or (answer or {}).get("message_id")
                                                     or ""))
        return Delivery(ok=False, error=f"SMS gateway: HTTP {status} {raw}".strip()[:300])


class ZaloZnsChannel:
    """Zalo Notification Service: a template approved by Zalo, its fields filled from `Message.data`; POST
    {"phone", "template_id", "template_data", "tracking_id"} with the OA's `access_token` header. Zalo answers
    {"error": 0, "data": {"msg_id": …}} when it accepts."""

    name = "zalo"

    def __init__(self, url: str, token: str, template_id: str):
        self.url, self.token, self.template_id = url, token, template_id

    def send(self, message: Message) -> Delivery:
        body = {"phone": international(message.to), "template_id": self.template_id,
                "template_data": message.data, "tracking_id": message.reference}
        status, answer, raw = _post_json(self.url, body, {"access_token": self.token})
        if 200 <= status < 300 and answer is not None and answer.get("error") == 0:
            return Delivery(ok=True, provider_id=str((answer.get("data") or {}).get("msg_id") or ""))
        reason = (answer or {}).get("message") or raw
        return Delivery(ok=False, error=f"Zalo ZNS: HTTP {status} {(answer or {}).get('error', '')} {reason}"
                        .strip()[:300])


def configured_channels() -> dict[str, Channel]:
    """The channels this installation has: e-mail where EMAIL_HOST is set (or a non-SMTP backend is chosen), SMS
    where ANSINH_SMS_URL is, Zalo where ANSINH_ZALO_ZNS_URL and its template are."""
    channels: dict[str, Channel] = {}
    if settings.EMAIL_HOST or not settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        channels["email"] = EmailChannel()
    if settings.ANSINH_SMS_URL:
        channels["sms"] = HttpSmsChannel(settings.ANSINH_SMS_URL, settings.ANSINH_SMS_TOKEN,
                                         settings.ANSINH_SMS_SENDER)
    if settings.ANSINH_ZALO_ZNS_URL and settings.ANSINH_ZALO_TEMPLATE:
        channels["zalo"] = ZaloZnsChannel(settings.ANSINH_ZALO_ZNS_URL, settings.ANSINH_ZALO_TOKEN,
                                          settings.ANSINH_ZALO_TEMPLATE)
    return channels
