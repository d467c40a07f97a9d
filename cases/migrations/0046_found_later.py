# 补办: a matter found after completion joins the same case; payouts once per
# deceased, held by the database; one sealed result list per issue of the list.

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

TEXTS = {
    "matter_added": (
        "补办事项提醒",
        "【身后一件事】办件{reference}已补办：{matter}。各部门将在原办件中继续办理，"
        "办结后您会收到更新的办结反馈清单。如有疑问请拨打12345。",
        "[After-death affairs] Added to case {reference}: {matter}. The departments handle it "
        "in the same case; you will get an updated result list when it is done. "
        "Questions: 12345.",
        ["reference", "matter"],
    ),
}


def copy_deceased_to_tasks(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    DepartmentTask = apps.get_model("cases", "DepartmentTask")
    DepartmentTask.objects.update(
        deceased_id_hash=Subquery(
            Case.objects.filter(pk=OuterRef("case_id")).values("deceased_id_hash")[:1]
        )
    )


def refuse_payouts_made_twice(apps, schema_editor):
    """A deceased paid twice before this rule cannot be put right by a
    migration: name the cases, so that the money is recovered by hand first."""
    DepartmentTask = apps.get_model("cases", "DepartmentTask")
    seen, twice = {}, set()
    paid = (
        DepartmentTask.objects.filter(requires_consent=True, status="completed")
        .exclude(deceased_id_hash="")
        .values_list("deceased_id_hash", "matter_code", "department_id", "case__reference")
    )
    for key, code, department, reference in paid:
        first = seen.setdefault((key, code, department), reference)
        if first != reference:
            twice.update({first, reference})
    if twice:
        raise RuntimeError(
            "These cases paid the same heirs' money for the same death twice; settle it "
            f"and mark the later payout not applicable before migrating: {', '.join(sorted(twice))}"
        )


def copy_issue_to_seals(apps, schema_editor):
    SealedResultList = apps.get_model("cases", "SealedResultList")
    for sealed in SealedResultList.objects.select_related("case"):
        sealed.list_issued_at = sealed.case.result_list_issued_at or sealed.issued_at
        sealed.save(update_fields=["list_issued_at"])


def seed_texts(apps, schema_editor):
    SmsTemplate = apps.get_model("cases", "SmsTemplate")
    for code, (name, text, text_en, variables) in TEXTS.items():
        SmsTemplate.objects.get_or_create(
            code=code,
            defaults={"name": name, "text": text, "text_en": text_en, "variables": variables},
        )


def unseed_texts(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(code__in=TEXTS).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0045_one_case_per_death")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="reopened_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="reopened for a matter found later"
            ),
        ),
        migrations.AddField(
            model_name="departmenttask",
            name="deceased_id_hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="departmenttask",
            name="found_later",
            field=models.BooleanField(default=False, verbose_name="found later"),
        ),
        migrations.RunPython(copy_deceased_to_tasks, migrations.RunPython.noop),
        migrations.RunPython(refuse_payouts_made_twice, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="departmenttask",
            constraint=models.UniqueConstraint(
                condition=models.Q(("requires_consent", True), ("status", "completed"))
                & models.Q(("deceased_id_hash", ""), _negated=True),
                fields=("deceased_id_hash", "matter_code", "department"),
                name="payout_once_per_deceased",
            ),
        ),
        migrations.AlterField(
            model_name="sealedresultlist",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sealed_result_lists",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="sealedresultlist",
            name="list_issued_at",
            field=models.DateTimeField(null=True, verbose_name="list issued at"),
        ),
        migrations.RunPython(copy_issue_to_seals, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sealedresultlist",
            name="list_issued_at",
            field=models.DateTimeField(verbose_name="list issued at"),
        ),
        migrations.AddField(
            model_name="sealedresultlist",
            name="superseded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="replaced at"),
        ),
        migrations.AddConstraint(
            model_name="sealedresultlist",
            constraint=models.UniqueConstraint(
                fields=("case", "list_issued_at"), name="one_seal_per_issue"
            ),
        ),
        migrations.RunPython(seed_texts, unseed_texts),
    ]
