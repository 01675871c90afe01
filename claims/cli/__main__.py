from claims.cli.app import main

main()
