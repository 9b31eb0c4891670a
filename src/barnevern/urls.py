"""URL map. Identity numbers never appear in URLs: cases are addressed by UUID."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from barnevern.api.v1 import api as api_v1
from barnevern.web import leader
from barnevern.web import views as web

web_patterns = (
    [
        path("", web.home, name="home"),
        path("logg-inn/", web.LoginView.as_view(), name="login"),
        path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
        path("oversikt/", web.overview, name="overview"),
        path("leder/", leader.leader_home, name="leader"),
    ],
    "web",
)

urlpatterns = [
    path("", include(web_patterns)),
    path("konto/", include("barnevern.accounts.urls")),
    # casework first: it serves the case page (/saker/<id>/, also reversed as cases:detail)
    path("saker/", include("barnevern.casework.urls")),
    path("saker/", include("barnevern.cases.urls")),
    path("frister/", include("barnevern.quality.urls")),
    path("statistikk/", include("barnevern.stats.urls")),
    path("kostra/", include("barnevern.kostra.urls")),
    path("okonomi/", include("barnevern.economy.urls")),
    path("fosterhjem/", include("barnevern.fosterhjem.urls")),
    path("ansatte/", include("barnevern.staff.urls")),
    path("rapport/", include("barnevern.reports.urls")),
    path("fiks/", include("barnevern.intake.urls")),
    path("api/v1/", api_v1.urls),
]

# Error pages in Norwegian and in the design system (barnevern.web.errors).
handler400 = "barnevern.web.errors.bad_request"
handler403 = "barnevern.web.errors.permission_denied"
handler404 = "barnevern.web.errors.page_not_found"
handler500 = "barnevern.web.errors.server_error"
