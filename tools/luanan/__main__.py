from luanan.cli import main

raise SystemExit(main())
