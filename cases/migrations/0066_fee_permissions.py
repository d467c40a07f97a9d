"""The supervisors of civil affairs keep the funeral fee lists: they add and
change funeral homes, fee lists and waivers, and approve (publish) a fee
list through its review workflow."""

from django.db import migrations

MODELS = ["funeralhome", "feelist", "feewaiver"]
ACTIONS = ["add", "change", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Department = apps.get_model("cases", "Department")
    civil_affairs = Department.objects.filter(code="civil_affairs").first()
    if civil_affairs is None or civil_affairs.supervisor_group_id is None:
        return
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    codenames.append("publish_feelist")
    for codename in codenames:
        model = codename.split("_", 1)[1]
        content_type, _ = ContentType.objects.get_or_create(app_label="cases", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        civil_affairs.supervisor_group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("cases", "0065_waiver_claims")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
