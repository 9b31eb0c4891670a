from django.urls import path

from barnevern.kostra import views

app_name = "kostra"

urlpatterns = [
    path("", views.index, name="index"),
    path("importer/", views.upload, name="upload"),
    path("grupper/", views.groups, name="groups"),
]
