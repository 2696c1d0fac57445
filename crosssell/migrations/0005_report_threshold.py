"""Who reported a note, so that only readers the shop can tell apart take it down.

Reports made before this by an account are marked as an account's; the others were
a guest's session and stay guests.
"""

from django.db import migrations, models


def mark_accounts(apps, schema_editor):
    NoteReport = apps.get_model("crosssell", "NoteReport")
    NoteReport.objects.filter(user__isnull=False).update(reporter_kind="account")


class Migration(migrations.Migration):
    dependencies = [
        ("crosssell", "0004_pairstat_plain_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="notereport",
            name="reporter_kind",
            field=models.CharField(
                choices=[
                    ("guest", "Guest"),
                    ("account", "Signed-in shopper"),
                    ("buyer", "Verified buyer"),
                    ("merchant", "Merchant"),
                ],
                default="guest",
                max_length=10,
                verbose_name="reporter",
            ),
        ),
        migrations.RunPython(mark_accounts, migrations.RunPython.noop),
    ]
