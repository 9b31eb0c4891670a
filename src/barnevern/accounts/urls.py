from django.urls import path

from barnevern.accounts import views

app_name = "accounts"

urlpatterns = [
    path("to-faktor/", views.otp_verify, name="otp_verify"),
    path("logg-ut-overalt/", views.logout_everywhere, name="logout_everywhere"),
    path("nodtilgang/", views.break_glass_review, name="break_glass_review"),
]
