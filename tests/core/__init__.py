"""Tests of the pure-Python planning core (a package, so file names may repeat elsewhere in tests/)."""
