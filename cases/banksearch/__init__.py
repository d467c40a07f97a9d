"""The cross-bank search (like UnionPay's): which banks hold accounts of a
deceased person, asked when the shared registry does not list them. A
plugin family of its own (``register``), chosen by ``BANK_SEARCH_SOURCE``;
``contrib/http`` asks a search service over signed HTTP, and the
department simulator plays one on loopback."""
