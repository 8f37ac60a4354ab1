"""Publication: the register of anchors, citations, the edition's metadata and the output
formats."""
