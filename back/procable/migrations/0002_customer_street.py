"""Keep the service address's street on the customer row, back-filled, with the index `(street, number)`.

The back-fill is one UPDATE with a correlated subquery (ORM `Subquery`, portable to SQLite, PostgreSQL
and SQL Server); the index is built after it, in one pass.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill_street(apps, schema_editor) -> None:
    Customer = apps.get_model("procable", "Customer")
    Address = apps.get_model("procable", "Address")
    alias = schema_editor.connection.alias
    Customer.objects.using(alias).filter(address__isnull=False).update(
        street_id=Subquery(
            Address.objects.using(alias).filter(pk=OuterRef("address_id")).values("street_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("procable", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="street",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="procable.street",
            ),
        ),
        migrations.RunPython(backfill_street, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(fields=["street", "number"], name="procable_cust_street_number"),
        ),
    ]
