"""The staff face (beside ``portal`` for families and ``api`` for the app and
the hotline): the department workbench, the hotline console, statistics,
dispatches and SMS lists, the catalogue's admin and the staff second factor.
Views stay thin; every rule they apply lives in ``cases``."""
