"""`make install` into a temporary prefix: the header, both libraries, the
pkg-config file, the man page and the models land there; a program built
with `pkg-config --cflags --libs argmap` links and runs; the installed
command finds its models; `make uninstall` removes it all again.
Runs only for the plain build (the sanitizer build's libraries need their
runtime in every program that links them)."""
import os
import shutil
import subprocess
import sys
import tempfile

from checkutil import report, finish

if os.environ.get("BUILD", "build") != "build" or os.environ.get("RUNNER"):
    print("skipped: install check runs only for the plain build")
    sys.exit(0)


tmp = tempfile.mkdtemp()
prefix = os.path.join(tmp, "prefix")
try:
    r = subprocess.run(["make", "--no-print-directory", "-s", "install", "PREFIX=" + prefix],
                       capture_output=True, text=True)
    report("make install", None if r.returncode == 0 else r.stderr[-500:])
    want = ["bin/argmap", "include/argmap.h", "lib/libargmap.a", "lib/libargmap.so",
            "lib/pkgconfig/argmap.pc", "share/man/man1/argmap.1",
            "share/argmap/models/lexicons/months.txt"]
    missing = [w for w in want if not os.path.exists(os.path.join(prefix, w))]
    report("installed files", "missing: " + ", ".join(missing) if missing else None)

    prog = os.path.join(tmp, "prog.c")
    with open(prog, "w") as f:
        f.write('#include <argmap.h>\n#include <stdio.h>\n#include <string.h>\n'
                'int main(void) {\n'
                '  am_document *d = NULL;\n'
                '  if (am_document_load_memory(&d, "x.txt", "Title\\n\\nText.", strlen("Title\\n\\nText."), NULL) < 0) return 1;\n'
                '  printf("%zu %s\\n", am_document_paragraph_count(d), AM_VERSION);\n'
                '  am_document_free(d);\n  return 0;\n}\n')
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(prefix, "lib/pkgconfig"))
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "argmap"], env=env,
                           capture_output=True, text=True)
    exe = os.path.join(tmp, "prog")
    cc = subprocess.run(["cc", prog, "-o", exe] + flags.stdout.split(), capture_output=True,
                        text=True)
    report("link with pkg-config", None if cc.returncode == 0 else cc.stderr[-500:])
    if cc.returncode == 0:
        run = subprocess.run([exe], env=dict(os.environ, LD_LIBRARY_PATH=os.path.join(prefix, "lib")),
                             capture_output=True, text=True)
        report("program runs", None if run.stdout.startswith("2 ") else repr(run.stdout + run.stderr))
    # The installed command finds the installed models, from anywhere.
    run = subprocess.run([os.path.join(prefix, "bin/argmap"), "analyze", "--summary", "-"],
                         input="Title\n\nSome text.\n", capture_output=True, text=True, cwd=tmp,
                         env={k: v for k, v in os.environ.items() if k != "ARGMAP_MODELS"})
    report("installed command", None if run.returncode == 0 else run.stderr)
    r = subprocess.run(["make", "--no-print-directory", "-s", "uninstall", "PREFIX=" + prefix],
                       capture_output=True, text=True)
    left = [w for w in want if os.path.exists(os.path.join(prefix, w))]
    report("make uninstall", "left: " + ", ".join(left) if left or r.returncode else None)
finally:
    shutil.rmtree(tmp)
finish()
