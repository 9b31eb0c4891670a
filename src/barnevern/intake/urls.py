from django.urls import path

from barnevern.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/pdf/", views.pdf, name="pdf"),
    path("<uuid:pk>/videresend/", views.videresend, name="videresend"),
    path("<uuid:pk>/varsle/", views.send_notice, name="send_notice"),
    path("avvist/<int:pk>/", views.dod_behandlet, name="dod_behandlet"),
]
