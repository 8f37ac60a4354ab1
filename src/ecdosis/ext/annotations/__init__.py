"""The annotations: notes and the files of the registries, read as untrusted input, and what
they point to."""
