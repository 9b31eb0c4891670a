from barnevern.cli import main

main()
