"""fosterhjem.Plassering becomes Fosterhjemsplassering: one class name per thing in the package
(economy.Plassering is the placement a co-payment is charged for). The rows, their ids and the
links to them stay; the tables are renamed."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("fosterhjem", "0002_foster_parents")]

    operations = [
        migrations.RenameModel(old_name="Plassering", new_name="Fosterhjemsplassering"),
    ]
