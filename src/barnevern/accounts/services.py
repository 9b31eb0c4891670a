"""Changes to accounts that are audited: the leader's review of a break-glass grant, two-factor
enrolment and log-in (django-otp's TOTP device), and logging out everywhere."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django_otp.plugins.otp_totp.models import TOTPDevice

from barnevern.accounts.models import BreakGlass, User
from barnevern.audit.services import log


@transaction.atomic
def review_break_glass(grant: BreakGlass, leader: User, now: datetime) -> None:
    """Mark ``grant`` as reviewed by ``leader`` at ``now``, audited."""
    grant.reviewed_by, grant.reviewed_at = leader, now
    grant.save(update_fields=["reviewed_by", "reviewed_at"])
    log("update", f"Gjennomgikk nødtilgang til sak {grant.sak.journalnummer}", sak_id=grant.sak_id, obj=grant)


@transaction.atomic
def enrolment_device(user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device (a new secret for the authenticator app), created and
    audited the first time the user is asked to enrol."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)
        log("create", "Startet registrering av autentiseringsapp for tofaktor", obj=device)
    return device


@transaction.atomic
def two_factor_passed(device: TOTPDevice, *, enrolling: bool) -> None:
    """A correct code from ``device``: confirm it when it was being enrolled, and audit the log-in."""
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    log("login", "Innlogging med tofaktor", data={"ny_enhet": enrolling})


@transaction.atomic
def end_all_sessions(user: User) -> None:
    """Log ``user`` out on every device: the session epoch steps, so every session made before
    no longer matches (``accounts.middleware``); audited."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    log("other", "Logget ut på alle enheter")
