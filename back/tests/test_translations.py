"""The back answers in the caller's language (Accept-Language), and its catalogs are complete.

Refusals are asked for once in French and once in English: the `title`, `detail` and field messages
must be the exact strings of the catalog for French and the source strings for English.
"""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db(databases="__all__")

ROOT = Path(settings.BASE_DIR)
CATALOG_DIRS = (ROOT / "back", ROOT / "rules")


@pytest.fixture(autouse=True)
def _restore_language():
    """A request activates its language for the thread: leave the next test the language it had."""
    with translation.override(translation.get_language()):
        yield


def _speaking(client, language: str):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


# --- Refusals through the API ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "detail"),
    [
        (
            "fr",
            "Les identifiants sont absents.",
            "Le jeton de service (X-Service-Token) est absent ou erroné.",
        ),
        ("en", "Credentials are missing.", "The service token (X-Service-Token) is missing or wrong."),
    ],
)
def test_a_missing_service_token_is_refused_in_the_callers_language(anonymous_api, language, title, detail):
    response = _speaking(anonymous_api, language).get("/api/v1/security/me/")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert (response.json()["title"], response.json()["detail"]) == (title, detail)
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    ("language", "title", "detail"),
    [
        ("fr", "Les identifiants ne sont pas valides.", "Le jeton personnel n'est pas valide ou a expiré."),
        ("en", "Credentials are not valid.", "The person token is invalid or has expired."),
    ],
)
def test_an_unknown_person_token_is_refused_in_the_callers_language(api, language, title, detail):
    api.credentials(HTTP_X_SERVICE_TOKEN=settings.SERVICE_TOKENS[0], HTTP_AUTHORIZATION="Bearer nope")

    response = _speaking(api, language).get("/api/v1/security/me/")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert (response.json()["title"], response.json()["detail"]) == (title, detail)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Le code d'utilisateur ou le mot de passe est erroné."),
        ("en", "The login code or the password is wrong."),
    ],
)
def test_a_staff_login_with_a_wrong_password_is_refused_in_the_callers_language(api, language, message):
    from back.security import services

    services.staff_user_upsert(
        code="agent", display_name="Agent", password="right-password-123", profile_codes=[]
    )

    response = _speaking(api, language).post(
        "/api/v1/security/sessions/", {"code": "agent", "password": "wrong-password"}, format="json"
    )

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert (response.json()["title"], response.json()["detail"]) == (message, message)


@pytest.mark.parametrize(
    ("language", "title", "detail"),
    [
        ("fr", "Introuvable dans Pro-Cable.", "Aucun client ne porte ce numéro."),
        ("en", "Not found in Pro-Cable.", "No customer has this number."),
    ],
)
def test_an_unknown_procable_customer_is_refused_in_the_callers_language(staff_api, language, title, detail):
    client = staff_api(rights=["wecare.customers"])

    response = _speaking(client, language).get("/api/v1/procable/customers/999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "procable_not_found"
    assert (response.json()["title"], response.json()["detail"]) == (title, detail)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "L'identifiant ou le mot de passe est erroné."),
        ("en", "The login id or the password is wrong."),
    ],
)
def test_a_customer_login_with_unknown_credentials_is_refused_in_the_callers_language(api, language, message):
    response = _speaking(api, language).post(
        "/api/v1/customlogin/sessions/", {"login_id": "nobody", "password": "whatever-123"}, format="json"
    )

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert response.json()["detail"] == message


@pytest.mark.parametrize(
    ("language", "title", "email_message", "language_message"),
    [
        (
            "fr",
            "Certains champs ne sont pas valides.",
            "Saisissez une adresse e-mail valide.",
            "«\u00a0de\u00a0» n'est pas un choix valide.",
        ),
        ("en", "Some fields are not valid.", "Enter a valid email address.", '"de" is not a valid choice.'),
    ],
)
def test_a_contact_change_with_bad_fields_is_refused_in_the_callers_language(
    customer_api, language, title, email_message, language_message
):
    client = customer_api("100001")

    response = _speaking(client, language).put(
        "/api/v1/myaccount/contact/", {"email": "not-an-address", "language": "de"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert response.json()["title"] == title
    assert response.json()["errors"] == {"email": [email_message], "language": [language_message]}


@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "Le début ne doit pas être après la fin."), ("en", "The start must not be after the end.")],
)
def test_a_usage_period_ending_before_it_starts_is_refused_in_the_callers_language(
    customer_api, language, message
):
    client = customer_api("100001")

    response = _speaking(client, language).get("/api/v1/myaccount/usage/?since=2026-05-02&until=2026-05-01")

    assert response.status_code == 400
    assert response.json()["errors"] == {"since": [message]}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Un en-tête Idempotency-Key (128 caractères au plus) est obligatoire pour cet appel."),
        ("en", "An Idempotency-Key header (at most 128 characters) is required on this call."),
    ],
)
def test_a_creating_post_without_idempotency_key_is_refused_in_the_callers_language(
    customer_api, language, message
):
    client = customer_api("100001")

    response = _speaking(client, language).post(
        "/api/v1/myaccount/contact-messages/", {"subject": "Hello", "message": "Hi"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == message


def test_an_unknown_url_answers_not_found_in_the_callers_language(api):
    french = _speaking(api, "fr").get("/api/v1/no-such-thing/")
    english = _speaking(api, "en").get("/api/v1/no-such-thing/")

    assert french.status_code == english.status_code == 404
    assert (french.json()["title"], english.json()["title"]) == ("Introuvable.", "Not found.")


# --- Catalogs ----------------------------------------------------------------------------------------


def _unquote(line: str) -> str:
    return ast.literal_eval(line[line.index('"') :])


def _po_entries(path: Path) -> list[dict]:
    """Minimal reader of a .po file: flags, msgctxt, msgid, msgid_plural and msgstr(s) of each entry."""
    entries: list[dict] = []
    entry: dict | None = None
    field = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        starts_entry = line.startswith(("#", "msgctxt ", "msgid "))
        if starts_entry and (entry is None or any(key.startswith("msgstr") for key in entry)):
            entry = {"flags": set()}
            entries.append(entry)
        assert entry is not None
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += _unquote(line)
        else:
            field, _space, rest = line.partition(" ")
            entry[field] = _unquote(rest)
    return [entry for entry in entries if "msgid" in entry]


def _po_files() -> list[Path]:
    return sorted(path for base in CATALOG_DIRS for path in base.rglob("locale/*/LC_MESSAGES/*.po"))


def test_the_back_has_a_french_catalog_for_its_packages_and_each_app():
    found = {path.relative_to(ROOT).as_posix() for path in _po_files()}

    assert {
        "back/locale/fr/LC_MESSAGES/django.po",
        "back/procable/locale/fr/LC_MESSAGES/django.po",
        "back/customlogin/locale/fr/LC_MESSAGES/django.po",
        "back/myaccount/locale/fr/LC_MESSAGES/django.po",
        "back/param/locale/fr/LC_MESSAGES/django.po",
        "rules/locale/fr/LC_MESSAGES/django.po",
    } <= found


@pytest.mark.parametrize("po", _po_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_entry_of_a_catalog_is_translated_and_none_is_fuzzy(po):
    entries = [entry for entry in _po_entries(po) if entry["msgid"]]

    untranslated = [
        entry["msgid"]
        for entry in entries
        if not [key for key in entry if key.startswith("msgstr")]
        or not all(value for key, value in entry.items() if key.startswith("msgstr"))
    ]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry.get("flags", ())]
    assert entries
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("po", _po_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_catalog_is_compiled_with_its_current_translations(po):
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    stale = [
        entry["msgid"]
        for entry in _po_entries(po)
        if entry["msgid"]
        and "msgstr" in entry
        and (
            compiled.pgettext(entry["msgctxt"], entry["msgid"])
            if "msgctxt" in entry
            else compiled.gettext(entry["msgid"])
        )
        != entry["msgstr"]
    ]
    assert stale == []
