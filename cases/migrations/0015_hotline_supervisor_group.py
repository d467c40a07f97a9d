from django.db import migrations


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="12345热线主管")
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_hotline")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
