"""Reader pages: home, article, entity."""

from django.urls import path

from .views import reader

urlpatterns = [
    path("", reader.home, name="home"),
    path("articles/<int:pk>/", reader.article_detail, name="article-detail"),
    path("entities/<slug:slug>/", reader.entity_detail, name="entity-detail"),
]
