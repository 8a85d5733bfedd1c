import sys

from hlhdesk.cli import main

sys.exit(main())
