from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    """django-tasks-db's worker, keeping the log levels the settings give.

    At the default verbosity the upstream command sets the ``django_tasks``
    logger to INFO itself — a line per job, dozens per page Wagtail saves —
    over what LOGGING says (development keeps it at WARNING, production at
    INFO). ``-v 0`` and ``-v 2`` still mean what they mean upstream."""

    def configure_logging(self, verbosity):
        if verbosity != 1:
            super().configure_logging(verbosity)
