"""Entry script of the frozen desktop: the same `main` as the `agentdesk` command."""

import sys

from agentdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
