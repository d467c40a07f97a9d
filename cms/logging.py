import logging
import time


class UTCFormatter(logging.Formatter):
    """Log timestamps in UTC, as OWASP ASVS 7.3 asks, whatever TIME_ZONE says."""

    converter = time.gmtime
