"""Editor pages: annotation, review queue, entity curation, history."""

urlpatterns: list = []
