"""One module per subcommand: register(subparsers) adds its parser, run(args) does the work."""
