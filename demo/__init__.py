"""Demo data for development and tests only: the demo registry and its
people, demo forms and pages, staff accounts and cases in every state
(``manage.py seed_demo``). Installed by ``cms.settings.dev`` and
``cms.settings.test``; production settings have none of it, and no package of
the product imports it."""
