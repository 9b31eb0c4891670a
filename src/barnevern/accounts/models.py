"""Users and roles.

Roles (one per user, scoped to one service):

* Leder: all cases of the service, exact figures, economy, staff.
* Saksbehandler: own assigned cases and unassigned meldinger of the service.
* Økonomi: economy pages of the service; no case data.
* Kommune: aggregated, suppressed figures for one member municipality; no case data.

Access decisions live in ``barnevern.accounts.policy``; nothing else decides.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEDER = "leder", _("Leder")
    SAKSBEHANDLER = "saksbehandler", _("Saksbehandler")
    OKONOMI = "okonomi", _("Økonomi")
    KOMMUNE = "kommune", _("Kommune")


class User(AbstractUser):
    rolle = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    tjeneste = models.ForeignKey(
        "organisation.Tjeneste",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brukere",
        verbose_name=_("tjeneste"),
    )
    kommune = models.ForeignKey(
        "organisation.Kommune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommune"),
        help_text=_("Kun for rollen Kommune: kommunen brukeren ser tall for."),
    )

    session_epoch = models.PositiveIntegerField(default=0, editable=False)  # "logg ut overalt"

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(rolle="kommune") | models.Q(kommune__isnull=False),
                name="user_kommune_role_has_kommune",
            ),
            models.CheckConstraint(
                condition=models.Q(rolle="") | models.Q(tjeneste__isnull=False),
                name="user_role_has_tjeneste",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class BreakGlass(models.Model):
    """Need-to-know exception: temporary access to a case not assigned to the user.

    Requires a written reason, is logged in the audit log, expires, and is listed for the
    leader to review.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass")
    sak = models.ForeignKey("cases.Sak", on_delete=models.CASCADE, related_name="break_glass")
    reason = models.TextField(_("begrunnelse"))
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nødtilgang")
        verbose_name_plural = _("nødtilganger")
        ordering = ["-created"]
        indexes = [models.Index(fields=["user", "sak", "expires"])]
