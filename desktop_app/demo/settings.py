"""Demo: the owner of a small online shop selling printable planners."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop_app.models.settings import Settings, save_settings


def fill(today: date) -> None:
    save_settings(
        Settings(
            owner_name="Maya Lindqvist",
            business_name="Northwind Planners",
            currency="USD",
            hourly_value=Decimal("85"),
            hours_per_month=Decimal("150"),
            time_zone="Europe/Stockholm",
            working_hours="09:00–16:00",
        )
    )
