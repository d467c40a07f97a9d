from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0034_case_late_sms")]

    operations = [
        migrations.RenameField("matter", "time_limit_days", "time_limit"),
        migrations.RenameField("departmenttask", "time_limit_days", "time_limit"),
        migrations.AlterField(
            model_name="matter",
            name="time_limit",
            field=models.PositiveSmallIntegerField(
                help_text="Counted from the moment the task becomes ready. 0 means the same day.",
                verbose_name="time limit",
            ),
        ),
        migrations.AlterField(
            model_name="departmenttask",
            name="time_limit",
            field=models.PositiveSmallIntegerField(verbose_name="time limit"),
        ),
        migrations.AddField(
            model_name="matter",
            name="time_limit_unit",
            field=models.CharField(
                choices=[
                    ("wh", "working hours"),
                    ("wd", "working days"),
                    ("ch", "clock hours (day and night)"),
                ],
                default="wd",
                max_length=2,
                verbose_name="unit",
            ),
        ),
        migrations.AddField(
            model_name="departmenttask",
            name="time_limit_unit",
            field=models.CharField(
                choices=[
                    ("wh", "working hours"),
                    ("wd", "working days"),
                    ("ch", "clock hours (day and night)"),
                ],
                default="wd",
                max_length=2,
                verbose_name="unit",
            ),
        ),
        migrations.AddField(
            model_name="matter",
            name="time_limits_by_scenario",
            field=models.JSONField(blank=True, default=dict, verbose_name="time limit by scenario"),
        ),
        migrations.AddField(
            model_name="matter",
            name="starts_case_clock",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "The death certificate: the 3 working days of the case count from its "
                    "completion."
                ),
                verbose_name="starts the case clock",
            ),
        ),
        migrations.AddField(
            model_name="matter",
            name="starts_after",
            field=models.CharField(
                blank=True,
                choices=[("cremation", "the cremation, on the day the family chose")],
                help_text=(
                    "Something outside the departments the matter waits for; the case clock "
                    "does not run meanwhile."
                ),
                max_length=20,
                verbose_name="also waits for",
            ),
        ),
        migrations.AddField(
            model_name="departmenttask",
            name="due_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="due"),
        ),
        migrations.AddIndex(
            model_name="departmenttask",
            index=models.Index(fields=["status", "due_at"], name="cases_depar_status_437dc5_idx"),
        ),
    ]
