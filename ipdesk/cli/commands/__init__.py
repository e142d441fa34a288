"""The CLI's commands, one module per bounded context; each adds its subcommands to the parser."""
