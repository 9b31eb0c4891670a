from django.urls import path

from barnevern.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.index, name="index"),
    path("innstillinger/", views.settings_view, name="settings"),
]
