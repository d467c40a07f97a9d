"""Groups for the staff roles: a clerks' and a supervisors' group per
department, and one group per other role. Every one of them may open the
admin; finer permissions come with the features that need them."""

from django.db import migrations

OTHER_ROLES = ["12345热线坐席", "殡葬协理员", "内容编辑", "内容审核", "系统管理员"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Department = apps.get_model("cases", "Department")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )

    def group(name):
        created, _ = Group.objects.get_or_create(name=name)
        created.permissions.add(access_admin)
        return created

    for department in Department.objects.all():
        if department.clerk_group_id is None:
            department.clerk_group = group(f"{department.name_zh} · 办事员")
        if department.supervisor_group_id is None:
            department.supervisor_group = group(f"{department.name_zh} · 主管")
        department.save()
    for name in OTHER_ROLES:
        group(name)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_seed_catalogue"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
