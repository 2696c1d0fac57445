from django.urls import path

from . import views

app_name = "crosssell"

urlpatterns = [
    path("orders/<str:number>/why/", views.note_form, name="note_form"),
    path("notes/<int:note_id>/helpful/", views.note_helpful, name="note_helpful"),
    path("notes/<int:note_id>/report/", views.note_report_view, name="note_report"),
    path(
        "notes/unsubscribe/<str:token>/",
        views.notes_unsubscribe,
        name="notes_unsubscribe",
    ),
]
