from django.urls import path

from barnevern.cases import access_views, element_views, upload_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("ny-melding/", views.new_melding, name="new_melding"),
    path("eksport.csv", views.case_export, name="export"),
    path("import/", upload_views.upload, name="upload"),
    path("import/<str:token>/", upload_views.upload_review, name="upload_review"),
    path("<uuid:sak_id>/", views.case_detail, name="detail"),
    path("<uuid:sak_id>/innsynslogg/", views.access_log, name="access_log"),
    path("<uuid:sak_id>/nodtilgang/", access_views.break_glass, name="break_glass"),
    path("<uuid:sak_id>/melding/ny/", views.add_melding, name="add_melding"),
    path(
        "<uuid:sak_id>/melding/<uuid:element_id>/konkluder/", views.conclude_melding, name="conclude_melding"
    ),
    path(
        "<uuid:sak_id>/undersokelse/<uuid:element_id>/konkluder/",
        views.conclude_undersokelse,
        name="conclude_undersokelse",
    ),
    path(
        "<uuid:sak_id>/undersokelse/<uuid:element_id>/utvidet-frist/",
        views.extend_undersokelse,
        name="extend_undersokelse",
    ),
    path("<uuid:sak_id>/vedtak/ny/", views.new_vedtak, name="new_vedtak"),
    path("<uuid:sak_id>/tiltak/ny/", views.new_tiltak, name="new_tiltak"),
    path("<uuid:sak_id>/tiltak/<uuid:element_id>/avslutt/", views.end_tiltak, name="end_tiltak"),
    path("<uuid:sak_id>/tiltak/<uuid:element_id>/besok/", views.visit, name="visit"),
    path("<uuid:sak_id>/plan/ny/", views.new_plan, name="new_plan"),
    path("<uuid:sak_id>/plan/<uuid:element_id>/evaluering/", views.evaluate_plan, name="evaluate_plan"),
    path("<uuid:sak_id>/flytting/ny/", element_views.new_flytting, name="new_flytting"),
    path("<uuid:sak_id>/ettervern/ny/", element_views.new_ettervern, name="new_ettervern"),
    path(
        "<uuid:sak_id>/ettervern/<uuid:element_id>/svar/",
        element_views.answer_ettervern,
        name="answer_ettervern",
    ),
    path("<uuid:sak_id>/oversendelse/ny/", element_views.new_oversendelse, name="new_oversendelse"),
    path("<uuid:sak_id>/relasjon/ny/", element_views.new_relasjon, name="new_relasjon"),
    path("<uuid:sak_id>/<slug:kind>/<uuid:element_id>/rett/", element_views.correct, name="correct"),
    path("<uuid:sak_id>/<slug:kind>/<uuid:element_id>/annuller/", element_views.annul, name="annul"),
    path("<uuid:sak_id>/tildel/", element_views.assign, name="assign"),
    path("tildel/", element_views.assign_quick, name="assign_quick"),
    path("<uuid:sak_id>/historikk/", element_views.history, name="history"),
]
