"""What every check shares: the command under test ($ARGMAP, set by
tests/checks/run.sh) and the "ok NAME" / "not ok NAME: why" lines that
run.sh counts."""
import os
import shlex
import sys

ARGMAP = shlex.split(os.environ.get("ARGMAP", "build/argmap"))
failures = 0


def report(name, why=None):
    """One check's line: ok when why is None, else not ok (a failure)."""
    global failures
    if why is None:
        print("ok", name)
    else:
        failures += 1
        print("not ok %s: %s" % (name, why))


def finish():
    """Exit 1 when any check failed, else 0."""
    sys.exit(1 if failures else 0)
