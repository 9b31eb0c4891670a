from django.urls import path

from barnevern.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("liste/", views.employee_list, name="list"),
    path("liste.csv", views.employee_export, name="export"),
    path("ny/", views.employee_new, name="new"),
    path("kompetanse/", views.competence_page, name="competence"),
    path("saksmengde/", views.caseload_page, name="caseload"),
    path("innstillinger/", views.settings_page, name="settings"),
    path("sykefravaer/ny/", views.sick_leave_new, name="sick_leave_new"),
    path("vakanser/ny/", views.vacancy_form, name="vacancy_new"),
    path("vakanser/<int:vacancy_id>/", views.vacancy_form, name="vacancy_edit"),
    path("vakanser/<int:vacancy_id>/slett/", views.vacancy_delete, name="vacancy_delete"),
    path("<int:pk>/", views.employee_detail, name="detail"),
    path("<int:pk>/endre/", views.employee_edit, name="edit"),
    path("<int:pk>/<slug:kind>/ny/", views.child_form, name="child_new"),
    path("<int:pk>/<slug:kind>/<int:child_id>/", views.child_form, name="child_edit"),
    path("<int:pk>/<slug:kind>/<int:child_id>/slett/", views.child_delete, name="child_delete"),
]
