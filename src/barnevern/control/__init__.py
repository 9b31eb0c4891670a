"""SSB's control rules (KOSTRA 15F and BVR) as small pure-Python units. No Django."""
