"""One module per `cchc` command; `cli.py` only parses options and calls these."""
