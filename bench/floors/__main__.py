"""`python bench/floors` (or `python -m floors` from bench/): the floors' self-check."""

import sys
from pathlib import Path

if not __package__:
    # Run as a directory: Python put the package's own folder first on the path, where its
    # modules would shadow top-level names. Import it from bench/, as run.py does.
    sys.path[0] = str(Path(__file__).resolve().parents[1])
    from floors.selfcheck import main
else:
    from .selfcheck import main

sys.exit(main())
