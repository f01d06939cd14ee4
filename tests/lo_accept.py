"""Accept every tracked change of a Word file in LibreOffice and save its text (a test aid).

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not
the project's virtual environment: ``python3 tests/lo_accept.py IN.docx OUT.txt PROFILE_DIR``.
It starts a headless LibreOffice of its own (with its own profile folder), loads the file
hidden, runs Writer's own "Accept All" command, stores the text as UTF-8 and stops LibreOffice.
Exit code 0 on success; anything else prints one line and exits 1.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path


def _connect(pipe: str) -> object:
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.5)
    raise RuntimeError("LibreOffice did not start")


def _prop(name: str, value: object) -> object:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    return PropertyValue(Name=name, Value=value)


def main(source: str, target: str, profile: str) -> int:
    pipe = f"plainlsc_test_{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
         f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = _connect(pipe)
        smgr = ctx.ServiceManager  # type: ignore[attr-defined]
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(Path(source).resolve().as_uri(), "_blank", 0,
                                           (_prop("Hidden", True),))
        helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        frame = doc.getCurrentController().getFrame()
        helper.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
        doc.storeToURL(Path(target).resolve().as_uri(),
                       (_prop("FilterName", "Text (encoded)"), _prop("FilterOptions", "UTF8")))
        doc.close(True)
        with contextlib.suppress(Exception):  # the bridge drops as LibreOffice quits
            desktop.terminate()
        return 0
    except Exception as exc:  # one line for the test to show
        print(f"lo_accept: {type(exc).__name__}: {exc}")
        return 1
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
