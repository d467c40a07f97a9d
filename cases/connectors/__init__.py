"""Department connectors: how a ready task reaches a department.

Plugins (``contrib/<name>``) register themselves with :data:`register`; a
department's ``connector`` field names the one it uses. Other code calls only
:mod:`cases.connectors.service`.
"""
