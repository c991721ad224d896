"""Reader pages: home, article, entity and the entity's Atom feed."""

from django.urls import path

from .feeds import EntityFeed
from .views import reader

urlpatterns = [
    path("", reader.home, name="home"),
    path("articles/<int:pk>/", reader.article_detail, name="article-detail"),
    path("entities/<slug:slug>/", reader.entity_detail, name="entity-detail"),
    path("entities/<slug:slug>/feed/", EntityFeed(), name="entity-feed"),
]
