"""The default cost categories (``barnevern.economy.categories``)."""

from django.db import migrations

from barnevern.economy.categories import CATEGORIES


def add(apps, schema_editor):
    Kostnadskategori = apps.get_model("economy", "Kostnadskategori")
    for kode, navn, art, kontoer, rekkefolge in CATEGORIES:
        Kostnadskategori.objects.get_or_create(
            kode=kode, defaults={"navn": navn, "art": art, "kontoer": kontoer, "rekkefolge": rekkefolge}
        )


def remove(apps, schema_editor):
    apps.get_model("economy", "Kostnadskategori").objects.filter(kode__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("economy", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
