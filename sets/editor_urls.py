from django.urls import path

from . import views_editor

# Included from sets/urls.py, so these are "sets:editor_new" and "sets:editor_edit".
urlpatterns = [
    path("sets/new/", views_editor.editor_new, name="editor_new"),
    path("sets/<slug:slug>/edit/", views_editor.editor_edit, name="editor_edit"),
]
