from inspectcli.cli.app import main

main()
