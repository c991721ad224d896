from django.urls import include, path

from .urls_editor import urlpatterns as editor_urlpatterns
from .urls_reader import urlpatterns as reader_urlpatterns
from .views import articles, jobs

app_name = "archive"

urlpatterns = [
    path("articles/", articles.article_list, name="article-list"),
    path("articles/upload/", articles.article_upload, name="article-upload"),
    path("articles/<int:pk>/original/", articles.article_original, name="article-original"),
    path("articles/<int:pk>/status/", articles.article_status, name="article-status"),
    path("articles/<int:pk>/extract/", articles.article_extract, name="article-extract"),
    path("jobs/reextract/", jobs.reextraction, name="reextraction"),
    path("jobs/reextract/<int:pk>/", jobs.reextraction_progress, name="reextraction-progress"),
    path("jobs/reextract/<int:pk>/cancel/", jobs.reextraction_cancel, name="reextraction-cancel"),
    path("search/", include("archive.search.urls")),
    *reader_urlpatterns,
    *editor_urlpatterns,
]
