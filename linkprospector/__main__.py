"""`python -m linkprospector` runs the command line."""

from linkprospector.cli.main import main

main()
