from django.core.management.base import BaseCommand

from cases.connectors.simulator import MODES, DepartmentSimulator


class Command(BaseCommand):
    help = (
        "Run a department's system on 127.0.0.1 that accepts signed tasks and reports "
        "them completed. Point a department's connector (http_json) at "
        "http://127.0.0.1:<port>/tasks with the same shared secret."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--secret", required=True, help="The department's shared secret.")
        parser.add_argument("--delay", type=float, default=2.0, help="Seconds before reporting.")
        parser.add_argument("--mode", choices=MODES, default="ok")

    def handle(self, *args, port, secret, delay, mode, **options):
        simulator = DepartmentSimulator(port, secret=secret, delay=delay, mode=mode)
        self.stdout.write(
            f"Department simulator at {simulator.url}/tasks (mode {mode}); Ctrl-C stops it."
        )
        try:
            simulator.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            simulator.server_close()
