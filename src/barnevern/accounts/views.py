"""Log-in extras: TOTP two-factor (django-otp), log out everywhere, the review of break-glass access
(asking for it is ``cases.access_views``)."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from barnevern.accounts import policy, services
from barnevern.accounts.forms import TokenForm
from barnevern.accounts.models import BreakGlass
from barnevern.accounts.requests import AuthenticatedHttpRequest


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@login_required
def otp_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Verify a TOTP code; a user without a confirmed device enrols one first."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = services.enrolment_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            services.two_factor_passed(device, enrolling=enrolling)
            otp_login(request, device)
            return redirect(request.GET.get("next") or "web:home")
        form.add_error("token", "Koden er feil eller utløpt. Prøv den neste koden fra appen.")
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = _qr_svg(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    if settings.DEMO_SHOW_TOTP:
        context["demo_code"] = current_code(device)
    return render(request, "accounts/otp.html", context)


@require_POST
@login_required
def logout_everywhere(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.end_all_sessions(request.user)
    logout(request)
    messages.success(request, "Du er logget ut på alle enheter.")
    return redirect("web:login")


@login_required
def break_glass_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy.require(policy.is_leder(request.user))
    grants = BreakGlass.objects.filter(sak__tjeneste=request.user.tjeneste).select_related(
        "user", "sak", "reviewed_by"
    )
    if request.method == "POST":
        grant = get_object_or_404(grants, pk=request.POST.get("grant"))
        services.review_break_glass(grant, request.user, timezone.now())
        return redirect("accounts:break_glass_review")
    return render(request, "accounts/break_glass_review.html", {"grants": grants[:200]})
