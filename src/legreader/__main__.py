from legreader.cli import main

raise SystemExit(main())
