"""The texts: witnesses, their records, reading texts and the collation of the two."""
