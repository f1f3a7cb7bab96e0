"""`python -m desktop_app`: the same as the `offload` command."""

import sys

from desktop_app.cli import main

sys.exit(main())
