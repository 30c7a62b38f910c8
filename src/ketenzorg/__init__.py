"""ketenzorg: software voor een Centrum voor Jeugd en Gezin en zijn zorgnetwerk."""
