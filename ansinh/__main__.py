"""Allow `python -m ansinh ...`."""

from ansinh.cli import main

main()
