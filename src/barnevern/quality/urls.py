from django.urls import path

from barnevern.quality import views, views_avvik

app_name = "quality"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("", views.worklist, name="index"),
    path("utfort/", views.mark_duty_done, name="done"),
    path("etterlevelse/", views.compliance, name="compliance"),
    path("innstillinger/", views.settings_view, name="settings"),
    path("avvik/", views_avvik.avvik_list, name="avvik_list"),
    path("avvik/ny/", views_avvik.avvik_new, name="avvik_new"),
    path("avvik/<int:pk>/", views_avvik.avvik_detail, name="avvik_detail"),
    path("avvik/<int:pk>/endre/", views_avvik.avvik_edit, name="avvik_edit"),
    path("avvik/<int:pk>/bekreft/", views_avvik.avvik_confirm, name="avvik_confirm"),
    path("avvik/<int:pk>/avvis/", views_avvik.avvik_dismiss, name="avvik_dismiss"),
    path("avvik/<int:pk>/lukk/", views_avvik.avvik_close, name="avvik_close"),
]
