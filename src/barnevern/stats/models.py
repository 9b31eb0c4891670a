"""Statistics settings per service: the small-number suppression (prikking) thresholds.

Published figures (everything that leaves the service: the Kommune role, ``--published``)
go through ``barnevern.rules.suppression``; these settings say how.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from barnevern.organisation.models import Tjeneste
from barnevern.rules.suppression import SuppressionConfig


class StatsSettings(models.Model):
    """Counts from ``threshold_low`` to ``threshold_high`` are shown as «:» when published."""

    tjeneste = models.OneToOneField(Tjeneste, on_delete=models.CASCADE, related_name="statistikkoppsett")
    threshold_low = models.PositiveSmallIntegerField(
        _("prikk fra og med"), default=1, help_text=_("Minste antall som prikkes (0 vises alltid).")
    )
    threshold_high = models.PositiveSmallIntegerField(
        _("prikk til og med"), default=2, help_text=_("Største antall som prikkes. SSB bruker «færre enn 3».")
    )
    secondary = models.BooleanField(
        _("sekundærprikking"),
        default=True,
        help_text=_(
            "Skjul flere tall slik at et prikket tall ikke kan regnes ut fra summen. "
            "Slå bare av for tabeller uten sum."
        ),
    )
    endret = models.DateTimeField(auto_now=True)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("statistikkoppsett")
        verbose_name_plural = _("statistikkoppsett")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold_low__gte=1)
                & models.Q(threshold_high__gte=models.F("threshold_low")),
                name="stats_threshold_order",
            )
        ]

    def __str__(self) -> str:
        return f"Statistikkoppsett for {self.tjeneste}"

    def clean(self) -> None:
        if self.threshold_low is not None and self.threshold_low < 1:
            raise ValidationError({"threshold_low": _("Minste antall som prikkes må være minst 1.")})
        if (
            self.threshold_low is not None
            and self.threshold_high is not None
            and self.threshold_high < self.threshold_low
        ):
            raise ValidationError(
                {"threshold_high": _("Største antall må være minst like stort som minste antall.")}
            )

    def to_rules(self) -> SuppressionConfig:
        return SuppressionConfig(
            threshold_low=self.threshold_low, threshold_high=self.threshold_high, secondary=self.secondary
        )


class Bidrag(models.Model):
    """What one case adds to the statistics of one standard period (precomputed, derived data).

    ``periode`` is a calendar year («2025») or half-year («2025H2», ``Period.code``);
    ``grunnlag`` the fingerprint of the counting rules and the service's deadline settings
    (``rules.indicators.stored.fingerprint``): rows with another fingerprint are stale. ``data``
    is the contribution in stored form when it has a child state (else empty); ``tall`` its
    counts as if the child had no other case (``stored.dumps_counts``), the empty text when
    the case adds nothing to the period, so that a missing row means «not computed yet»;
    ``barn`` the child's key when the contribution has a child state (``stored.child_of``).
    Rows are dropped when the case changes (``cases.signals.saker_endret``) and computed again
    when statistics are asked for (``stats.facts``). Population, member municipalities and
    suppression are never stored.
    """

    sak = models.ForeignKey("cases.Sak", on_delete=models.CASCADE, related_name="statistikkbidrag")
    # The case's service, copied so that one service's rows are found without reading every
    # service's (rows without it, from before the column, count as not computed).
    tjeneste = models.ForeignKey(
        "organisation.Tjeneste", null=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    periode = models.CharField(max_length=10)
    grunnlag = models.CharField(max_length=16)
    data = models.TextField(blank=True)
    tall = models.TextField(blank=True, default="")
    barn = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("statistikkbidrag")
        verbose_name_plural = _("statistikkbidrag")
        constraints = [
            models.UniqueConstraint(fields=["periode", "grunnlag", "sak"], name="stats_bidrag_unique"),
        ]
        indexes = [models.Index(fields=["periode", "grunnlag", "tjeneste"], name="stats_bidrag_tjeneste")]

    def __str__(self) -> str:
        return f"{self.sak_id} {self.periode}"
