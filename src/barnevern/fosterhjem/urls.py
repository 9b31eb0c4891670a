from django.urls import path

from barnevern.fosterhjem import views

app_name = "fosterhjem"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.new_home, name="new"),
    path("kostnader/", views.cost_page, name="costs"),
    path("innstillinger/", views.settings_page, name="settings"),
    path("opplaering/<int:pk>/fullfort/", views.complete_training, name="complete_training"),
    path("plassering/<int:pk>/", views.placement, name="placement"),
    path("plassering/<int:pk>/<slug:kind>/ny/", views.placement_add, name="placement_add"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/endre/", views.edit_home, name="edit"),
    path("<int:pk>/<slug:kind>/ny/", views.add, name="add"),
]
