"""Content editors write, content reviewers approve: page permissions on the
root for both groups (editors without publish) and a one-step approval
workflow on the root, which every guidance and form page inherits."""

from django.db import migrations

EDITOR, REVIEWER = "内容编辑", "内容审核"
EDIT = ["add_page", "change_page"]
REVIEW = [*EDIT, "publish_page"]
# Attachments to policies and pictures in guidance.
COLLECTION = ["add_document", "change_document", "choose_document", "add_image", "choose_image"]


def set_up(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root = Page.objects.filter(depth=1).first()
    collection = Collection.objects.filter(depth=1).first()
    editors = Group.objects.get(name=EDITOR)
    reviewers = Group.objects.get(name=REVIEWER)

    def permission(app_label, codename):
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=codename.split("_", 1)[1]
        )
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        return perm

    for group, codenames in ((editors, EDIT), (reviewers, REVIEW)):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission("wagtailcore", codename)
            )
        for codename in COLLECTION:
            app = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission(app, codename)
            )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(
        name="内容审核员审核", content_type=task_type, active=True
    )
    task.groups.set([reviewers])
    workflow = Workflow.objects.create(name="指南和表单发布审核", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_policypage_scenarioguidepage_sectionpage_and_more"),
        ("cases", "0003_staff_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
