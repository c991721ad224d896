from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0003_search"),
        ("archive", "0004_api"),
    ]

    operations = []
