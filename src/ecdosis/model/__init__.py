"""The edition's data model: load and validate sources, with no dependency on Sphinx."""
