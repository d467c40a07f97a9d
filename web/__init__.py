"""What the three faces and the project share of HTTP: reading the caller's
network address and answering with a private file. The domain (``cases``)
takes the address as a string and returns files, never responses."""
