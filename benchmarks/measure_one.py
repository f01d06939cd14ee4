"""Run one command and record its wall time, CPU time and peak memory (used by ``speed.py``).

    python -S benchmarks/measure_one.py RESULT.json -- COMMAND [ARG ...]

The command inherits this process's standard streams and environment. When it ends, RESULT.json
gets ``{"wall": s, "cpu": s, "maxrss_mb": MB, "code": exit code}``. Peak memory comes from
``os.wait4`` on the child: the largest resident set of the child and of any process it waited
for (with worker processes, the largest single process, not their sum).

Why a separate small process: on Linux a child's ``ru_maxrss`` starts from the resident set of
the process that started it, so ``speed.py`` itself (which holds the generated corpus) must not
be the direct parent of what it measures.
"""

import json
import os
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.stderr.write(__doc__ or "")
        return 2
    result, cmd = sys.argv[1], sys.argv[3:]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024
        maxrss, cpu = usage.ru_maxrss / scale, usage.ru_utime + usage.ru_stime
    else:  # Windows: time only
        code = proc.wait()
        wall = time.perf_counter() - started
        maxrss = cpu = None  # type: ignore[assignment]
    with open(result, "w", encoding="utf-8") as handle:
        json.dump({"wall": wall, "cpu": cpu, "maxrss_mb": maxrss, "code": code}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
