import sys

from ecdosis.cli import main

sys.exit(main())
