# One death, one record: the unique index covers completed cases too.

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count


def refuse_deaths_with_two_cases(apps, schema_editor):
    """A death filed twice before this rule (a completed case and a later one)
    cannot be merged by a migration: name the cases, so that an operator
    withdraws the duplicate (its payouts checked by hand) and migrates again."""
    Case = apps.get_model("cases", "Case")
    twice = (
        Case.objects.exclude(status="withdrawn")
        .values("deceased_id_hash")
        .annotate(cases=Count("id"))
        .filter(cases__gt=1)
        .values_list("deceased_id_hash", flat=True)
    )
    references = sorted(
        Case.objects.filter(deceased_id_hash__in=list(twice))
        .exclude(status="withdrawn")
        .values_list("reference", flat=True)
    )
    if references:
        raise RuntimeError(
            "These cases hold the same deaths; withdraw the later one of each before "
            f"migrating (one death, one case): {', '.join(references)}"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0044_sealed_result_list'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_deaths_with_two_cases, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='case',
            name='one_open_case_per_deceased',
        ),
        migrations.AddConstraint(
            model_name='case',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'withdrawn'), _negated=True), fields=('deceased_id_hash',), name='one_case_per_deceased'),
        ),
    ]
