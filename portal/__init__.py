"""Citizen-facing views (SMS login, the application wizard, my cases,
results). Filled in by the portal issue; nothing here yet, so it is not an
installed app."""
