from django.urls import path

from barnevern.economy import views

app_name = "economy"

urlpatterns = [
    path("", views.index, name="index"),
]
