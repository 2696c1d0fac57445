"""A guest's referral visit may be told apart by their address key, without a
session (pages that only read store no session for a guest)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sets", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="setreferralvisit",
            name="set_referral_visit_has_visitor",
        ),
        migrations.AddConstraint(
            model_name="setreferralvisit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("user__isnull", False),
                    models.Q(("session_key", ""), _negated=True),
                    ("visitor__startswith", "addr:"),
                    _connector="OR",
                ),
                name="set_referral_visit_has_visitor",
            ),
        ),
    ]
