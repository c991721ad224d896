from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/upload/", views.article_upload, name="article-upload"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/original/", views.article_original, name="article-original"),
    path("articles/<int:pk>/status/", views.article_status, name="article-status"),
    path("articles/<int:pk>/extract/", views.article_extract, name="article-extract"),
    path("jobs/reextract/", views.reextraction, name="reextraction"),
    path("jobs/reextract/<int:pk>/", views.reextraction_progress, name="reextraction-progress"),
    path("jobs/reextract/<int:pk>/cancel/", views.reextraction_cancel, name="reextraction-cancel"),
    path("entities/<slug:slug>/", views.entity_detail, name="entity-detail"),
]
