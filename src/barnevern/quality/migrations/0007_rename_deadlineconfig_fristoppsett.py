"""The service's deadline settings model is named by its domain word, Fristoppsett (the rules'
plain-Python settings keep the name DeadlineConfig): one name per class."""

from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("quality", "0006_fristbidrag_worklist"),
    ]

    operations = [
        migrations.RenameModel(old_name="DeadlineConfig", new_name="Fristoppsett"),
    ]
