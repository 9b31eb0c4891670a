"""The audited account changes of ``accounts.services``: two-factor enrolment and log-in, and
logging out everywhere."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from barnevern.accounts import services
from barnevern.accounts.models import User
from barnevern.audit.models import AuditEntry


def test_enrolment_makes_one_unconfirmed_device_and_audits_it(personas):
    user = personas["sb"]
    device = services.enrolment_device(user)
    assert services.enrolment_device(user) == device  # asked again: the same secret
    assert TOTPDevice.objects.get(user=user).confirmed is False
    created = AuditEntry.objects.filter(action="create", object_type="TOTPDevice")
    assert [e.object_id for e in created] == [str(device.pk)]


def test_a_correct_code_confirms_the_enrolled_device_and_audits_the_login(personas):
    device = services.enrolment_device(personas["sb"])
    services.two_factor_passed(device, enrolling=True)
    device.refresh_from_db()
    assert device.confirmed is True
    login = AuditEntry.objects.get(action="login")
    assert login.what == "Innlogging med tofaktor"
    assert login.data == {"ny_enhet": True}


def test_logging_out_everywhere_steps_the_epoch_and_is_audited(personas):
    user = personas["leder"]
    before = User.objects.get(pk=user.pk).session_epoch
    services.end_all_sessions(user)
    assert User.objects.get(pk=user.pk).session_epoch == before + 1
    assert AuditEntry.objects.filter(action="other", what="Logget ut på alle enheter").count() == 1
