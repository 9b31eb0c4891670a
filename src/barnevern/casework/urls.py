from django.urls import path

from barnevern.casework import views

app_name = "casework"

urlpatterns = [
    path("journal/sok/", views.journal_search, name="journal_search"),
    path("brevmaler/", views.templates_list, name="templates"),
    path("brevmaler/<slug:kode>/", views.template_edit, name="template_edit"),
    path("<uuid:sak_id>/", views.case_page, name="case"),
    path("<uuid:sak_id>/journal/ny/", views.journal_new, name="journal_new"),
    path("<uuid:sak_id>/journal/<uuid:kjede>/", views.journal_entry, name="journal_entry"),
    path("<uuid:sak_id>/journal/<uuid:kjede>/korriger/", views.journal_correct, name="journal_correct"),
    path("<uuid:sak_id>/parter/", views.parties, name="parties"),
    path("<uuid:sak_id>/parter/<uuid:part_id>/", views.party_edit, name="party_edit"),
    path("<uuid:sak_id>/brev/ny/", views.letter_new, name="letter_new"),
    path("<uuid:sak_id>/dokument/last-opp/", views.upload, name="upload"),
    path("<uuid:sak_id>/dokument/<uuid:dok_id>/", views.document, name="document"),
    path("<uuid:sak_id>/dokument/<uuid:dok_id>/fil/", views.document_file, name="document_file"),
    path("<uuid:sak_id>/innsyn/", views.innsyn_view, name="innsyn"),
]
