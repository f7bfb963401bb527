from legreader.cli.program import entry

entry()
