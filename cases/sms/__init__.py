"""Sending SMS: back ends are plugins (file, memory, http); the one in use is
``settings.SMS_BACKEND``. Other code calls :mod:`cases.notifications`."""
