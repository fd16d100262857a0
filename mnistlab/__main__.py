"""``python -m mnistlab`` - see ``mnistlab.cli``."""

from mnistlab.cli import main

raise SystemExit(main())
