"""Text of the demo guidance: plain Simplified Chinese for everything, English
for the home page and the scenario guides. Data, not code: editors change it
in the admin afterwards."""
