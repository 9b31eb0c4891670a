"""Foster-home reinforcement gets its own category (``forsterkning``); ``fosterhjem`` now holds
the fee and the expense allowance."""

from django.db import migrations

OLD_NAME = "Fosterhjem (godtgjøring, utgiftsdekning, forsterkning)"
NEW_NAME = "Fosterhjem (arbeidsgodtgjøring og utgiftsdekning)"


def forward(apps, schema_editor):
    Kostnadskategori = apps.get_model("economy", "Kostnadskategori")
    Kostnadskategori.objects.filter(kode="fosterhjem", navn=OLD_NAME).update(navn=NEW_NAME)
    Kostnadskategori.objects.get_or_create(
        kode="forsterkning",
        defaults={"navn": "Forsterkning av fosterhjem", "art": "klient", "kontoer": [], "rekkefolge": 125},
    )


def backward(apps, schema_editor):
    Kostnadskategori = apps.get_model("economy", "Kostnadskategori")
    Kostnadskategori.objects.filter(kode="fosterhjem", navn=NEW_NAME).update(navn=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [("economy", "0002_default_categories")]
    operations = [migrations.RunPython(forward, backward)]
