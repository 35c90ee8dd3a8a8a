"""The address step's picker, city → street → civic number → apartment (SelfShop, and WeShop's new customer).

Each level is asked of the back only once the level above is chosen (GET parameters `city`, `street`,
`civic`); the site builds the city form (when it counts as submitted is its own) and renders the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from weblys.backclient import addresses

from .forms import AddressPickForm, CityForm, CivicNumberForm, StreetForm

STREETS_LISTED = 200  # the back lists at most this many streets of a city (without a prefix)


def address_cascade(
    query: Mapping[str, str],
    city_form: CityForm,
    *,
    pick: AddressPickForm | None,
    pick_initial: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The picker context below the city: `city`, `street_form`, `street`, `civic_form`, `civic`, `pick_form`.

    Only the levels reached are present. `pick` (a refused pick form) is shown again instead of a new one.
    """
    context: dict[str, Any] = {}
    city = query.get("city", "") if city_form.is_bound and city_form.is_valid() else ""
    street_id: int | None = None
    civic: int | None = None
    if city:
        # A big city has more streets than the back lists: the visitor then narrows the list by the
        # first letters of the street's name (`street_prefix`, carried by the forms below).
        prefix = query.get("street_prefix", "").strip()[:40]
        streets = addresses.street_list(city_code=city, prefix=prefix)
        street_form = StreetForm(
            query if "street" in query else None, streets=[(s.id, s.name) for s in streets]
        )
        context |= {
            "street_form": street_form,
            "city": city,
            "street_prefix": prefix,
            "street_prefix_offered": bool(prefix) or len(streets) >= STREETS_LISTED,
            "no_street_found": bool(prefix) and not streets,
        }
        if street_form.is_bound and street_form.is_valid():
            street_id = street_form.cleaned_data["street"]
            context["street"] = street_id
    if street_id:
        numbers = addresses.civic_number_list(street_id=street_id)
        civic_form = CivicNumberForm(query if "civic" in query else None, numbers=numbers)
        context["civic_form"] = civic_form
        if civic_form.is_bound and civic_form.is_valid():
            civic = civic_form.cleaned_data["civic"]
            context["civic"] = civic
    if street_id and civic is not None:
        apartments = addresses.apartment_list(street_id=street_id, civic_number=civic)
        choices = [(a.address_id, a.apartment or _("The whole building")) for a in apartments]
        context["pick_form"] = pick or AddressPickForm(addresses=choices, initial=pick_initial)
    return context
