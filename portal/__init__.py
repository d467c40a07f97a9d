"""Citizen-facing views: sign-in by SMS code (more to come: the application
wizard, my cases, results)."""
