from django.urls import path

from barnevern.economy import views
from barnevern.economy import views_reports as reports

app_name = "economy"

urlpatterns = [
    path("", views.index, name="index"),
    path("regnskap/", views.ledger_page, name="ledger"),
    path("regnskap/klientkostnader/", views.client_costs, name="client_costs"),
    path("import/", views.ledger_import, name="ledger_import"),
    path("import/kolonneoppsett/", views.mappings, name="mappings"),
    path("import/kolonneoppsett/<int:pk>/", views.mappings, name="mapping"),
    path("nokkel/", views.key_page, name="key"),
    path("tilskudd/", views.grants, name="grants"),
    path("tilskudd/<int:pk>/slett/", views.delete_grant, name="delete_grant"),
    path("oppgjor/", reports.settlement_list, name="settlements"),
    path("oppgjor/<int:pk>/", reports.settlement_detail, name="settlement"),
    path("oppgjor/<int:pk>/pdf/", reports.settlement_pdf, name="settlement_pdf"),
    path("oppgjor/<int:pk>/xlsx/", reports.settlement_xlsx, name="settlement_xlsx"),
    path("oppgjor/<int:pk>/<slug:action>/", reports.settlement_action, name="settlement_action"),
    path("rapport/", reports.finance, name="finance"),
    path("rapport/xlsx/", reports.finance_xlsx, name="finance_xlsx"),
    path("egenbetaling/", reports.copayment_page, name="copayments"),
    path("egenbetaling/plassering/ny/", reports.placement_form, name="placement_new"),
    path("egenbetaling/plassering/<int:pk>/", reports.placement_form, name="placement"),
    path("egenbetaling/sats/", reports.rate_form, name="rate"),
    path("egenbetaling/sats/<int:pk>/<slug:action>/", reports.rate_decision, name="rate_decision"),
    path("reform/", reports.reform_page, name="reform"),
    path("reform/<slug:kind>/ny/", reports.reform_form, name="reform_form"),
]
