from django.urls import path

from barnevern.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/", views.draft, name="draft"),
    path("<int:pk>/pdf/", views.draft_pdf, name="draft_pdf"),
    path("<int:pk>/tekst/", views.edit, name="edit"),
    path("<int:pk>/plikter/", views.duties_edit, name="duties"),
    path("<int:pk>/utsted/", views.issue, name="issue"),
    path("utgave/<int:pk>/", views.edition, name="edition"),
    path("utgave/<int:pk>/pdf/", views.edition_pdf, name="edition_pdf"),
    path("utgave/<int:pk>/html/", views.edition_html, name="edition_html"),
]
