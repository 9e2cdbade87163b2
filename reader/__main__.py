from reader.launch import main

raise SystemExit(main())
