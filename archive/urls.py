from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/upload/", views.article_upload, name="article-upload"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/original/", views.article_original, name="article-original"),
    path("entities/<slug:slug>/", views.entity_detail, name="entity-detail"),
]
