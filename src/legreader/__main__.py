from legreader.cli import entry

entry()
