"""Sub-commands of the ``bonewise`` command line, one module per noun."""
