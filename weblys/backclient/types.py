"""Frozen dataclasses the back client returns to views (never dicts, never responses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .parsing import parse_instant, strings


@dataclass(frozen=True)
class StaffUser:
    """A staff user as SECURITY describes them: identity, channel, store, language and rights."""

    code: str
    display_name: str
    email: str
    channel: str
    store_code: str
    language: str
    rights: frozenset[str]

    def has_right(self, right: str) -> bool:
        return right in self.rights

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffUser:
        return cls(
            code=str(data["code"]),
            display_name=str(data.get("display_name") or data["code"]),
            email=str(data.get("email") or ""),
            channel=str(data.get("channel") or ""),
            store_code=str(data.get("store_code") or ""),
            language=str(data.get("language") or ""),
            rights=frozenset(str(right) for right in data.get("rights") or ()),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "display_name": self.display_name,
            "email": self.email,
            "channel": self.channel,
            "store_code": self.store_code,
            "language": self.language,
            "rights": sorted(self.rights),
        }


@dataclass(frozen=True)
class StaffSession:
    """A logged-in staff user: the person token the back issued and when it expires."""

    token: str
    expires_at: datetime
    user: StaffUser

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffSession:
        return cls(
            token=str(data["token"]),
            expires_at=parse_instant(str(data["expires_at"])),
            user=StaffUser.from_json(data["user"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {"token": self.token, "expires_at": self.expires_at.isoformat(), "user": self.user.to_json()}


@dataclass(frozen=True)
class CustomerSession:
    """A logged-in customer (CUSTOM LOGIN): a person token bound to one customer number."""

    token: str
    expires_at: datetime
    customer_number: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CustomerSession:
        return cls(
            token=str(data["token"]),
            expires_at=parse_instant(str(data["expires_at"])),
            customer_number=str(data["customer_number"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "expires_at": self.expires_at.isoformat(),
            "customer_number": self.customer_number,
        }


@dataclass(frozen=True)
class HealthCheck:
    """One component the back checked (a database alias or the cache)."""

    name: str
    is_ok: bool
    error: str


@dataclass(frozen=True)
class BackHealth:
    """The back's own report on every database and its cache."""

    is_ok: bool
    checks: tuple[HealthCheck, ...]
    failed: tuple[str, ...]
    duration_ms: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BackHealth:
        checks = tuple(
            HealthCheck(
                name=str(name), is_ok=check.get("status") == "ok", error=str(check.get("error") or "")
            )
            for name, check in sorted((data.get("checks") or {}).items())
        )
        return cls(
            is_ok=data.get("status") == "ok",
            checks=checks,
            failed=strings(data.get("failed")),
            duration_ms=float(data.get("duration_ms") or 0.0),
        )
