from django.urls import path

from barnevern.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.index, name="index"),
]
