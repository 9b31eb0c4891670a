"""Demo users, one or more per role and service (password printed by ``barnevern demo``)."""

from __future__ import annotations

from datetime import date

from barnevern.accounts.models import User
from barnevern.demo import DEMO_PASSWORD, USERS
from barnevern.organisation.models import Kommune, Tjeneste


def load(today: date) -> None:
    for spec in USERS:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "rolle": spec.rolle,
                "tjeneste": Tjeneste.objects.get(slug=spec.tjeneste),
                "kommune": Kommune.objects.get(nummer=spec.kommune) if spec.kommune else None,
                "email": f"{spec.username}@demo.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
