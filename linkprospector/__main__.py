"""`python -m linkprospector` runs the command line."""

from linkprospector.cli import main

main()
