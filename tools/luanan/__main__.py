import signal

# Ctrl-C while Python is still importing ends the process quietly; luanan.cli installs its own
# handlers (one line, never a traceback) before any work starts.
signal.signal(signal.SIGINT, signal.SIG_DFL)

from luanan.cli import main  # noqa: E402

raise SystemExit(main())
