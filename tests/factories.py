import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from archive.ingest import fingerprint
from archive.models import Alias, Article, Entity, Mention, Source
from archive.services import alias_key


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def editor(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=settings.ARCHIVE_EDITORS_GROUP)[0])
        if create:
            self.save()


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(lambda n: f"Article number {n} reports on the Mi-35M helicopters in Belarus.")
    content_hash = factory.LazyAttribute(lambda a: fingerprint(a.body).content_hash)
    source = factory.SubFactory(SourceFactory)


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    kind = "weapon"
    name = factory.Sequence(lambda n: f"System-{n}")
    slug = factory.LazyAttribute(lambda e: f"{e.kind}-{e.name}".lower())
    curated = True


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    entity = factory.SubFactory(EntityFactory)
    text = factory.Sequence(lambda n: f"Alias {n}")
    key = factory.LazyAttribute(lambda a: alias_key(a.text))


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    entity = factory.SubFactory(EntityFactory)
    start = 0
    end = 7
    text = factory.LazyAttribute(lambda m: m.article.body[m.start : m.end])
    kind = factory.LazyAttribute(lambda m: m.entity.kind)
    origin = "gazetteer"
