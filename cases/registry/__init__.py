"""The shared registry (大数据局): identity data and profile flags of a person.

Sources are plugins (``contrib/<name>``) registering themselves with
:data:`register`; ``settings.SHARED_REGISTRY_SOURCE`` names the one in use,
and other code calls only :mod:`cases.registry.service`.
"""
