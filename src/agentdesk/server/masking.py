"""De-identifying personal data for display (COMPLIANCE.md CN-10): 138****5678, ID 6+4."""

from __future__ import annotations


def mask_phone(value: str) -> str:
    """Keep the first 3 and last 4 digits: 13812345678 → 138****5678."""
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_national_id(value: str) -> str:
    """Keep the first 6 and last 4 characters, star the rest."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_email(value: str) -> str:
    """Keep the first character of the local part and the domain."""
    local, at, domain = value.partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def mask_address(value: str) -> str:
    """Keep the first few characters (province/city level), hide the rest."""
    keep = 6
    if len(value) <= keep:
        return "*" * len(value)
    return value[:keep] + "****"


def mask_contact(kind: str, value: str) -> str:
    """Mask a contact point's value by its kind."""
    if kind == "phone":
        return mask_phone(value)
    if kind == "email":
        return mask_email(value)
    return mask_address(value)
