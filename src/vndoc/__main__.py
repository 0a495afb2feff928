from vndoc.cli import main

main()
