"""Plays a reviewer in LibreOffice: opens a DOCX, adds comments and tracked changes through the
UNO API, saves DOCX and/or ODT, and can accept or reject every change. Run by the system Python
(the one with the `uno` module), never imported by the test suite:

    python3 tests/libreoffice_review.py script.json

script.json: {"input": "thesis.docx", "steps": [...], "save": ["out.docx", "out.odt"]}; each
step one of
    {"op": "comment", "find": "text", "author": "A", "text": "…", "point": false, "occurrence": 0}
    {"op": "replace", "find": "text", "with": "new", "author": "A"}        (a tracked change)
    {"op": "delete", "find": "text", "author": "A"}
    {"op": "insert", "after": "text", "text": "new", "author": "A"}        ("\\n" starts a paragraph)
    {"op": "delete_paragraph", "find": "text in it", "author": "A"}         (its mark too)
    {"op": "accept_all"} / {"op": "reject_all"}                              (last step only)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not start")


def set_author(context, name):
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),)
    )
    given, _, family = name.rpartition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def paragraphs(text):
    """Every paragraph of a text, table cells included, in reading order."""
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                yield from paragraphs(element.getCellByName(name).getText())
        else:
            yield element


def steps(paragraph, offset):
    """Cursor steps from the paragraph's start to character `offset` of its string: a comment's
    anchor is a step of the cursor but no character of the string."""
    count, seen = 0, 0
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        kind = portion.TextPortionType
        if kind in ("Text", "Field", "TextField"):
            text = portion.getString()
            if seen + len(text) >= offset:
                return count + offset - seen
            seen, count = seen + len(text), count + len(text)
        else:
            count += 1 if kind in ("Annotation", "Footnote") else 0
    return count


def find(document, text, occurrence=0):
    """A cursor selecting `text` (searching needs a view, which a headless LibreOffice cannot open
    safely once comments exist: found by hand, paragraph by paragraph)."""
    seen = 0
    for paragraph in paragraphs(document.getText()):
        string = paragraph.getString()
        start = string.find(text)
        while start >= 0:
            if seen == occurrence:
                cursor = paragraph.getText().createTextCursorByRange(paragraph.getStart())
                begin = steps(paragraph, start)
                cursor.goRight(begin, False)
                cursor.goRight(steps(paragraph, start + len(text)) - begin, True)
                return cursor
            seen += 1
            start = string.find(text, start + 1)
    raise SystemExit(f"not found in the document: {text!r}")


FILTERS = {"docx": "MS Word 2007 XML", "odt": "writer8"}


def load(context, path, view=False):
    """The document, without a view (comments inserted into a viewed document bring up the
    comment sidebar, whose dialogs a -nogui LibreOffice lacks) unless `view`."""
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    kind = "odt" if path.endswith(".odt") else "docx"
    if not view:
        document = context.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", context)
        document.load((prop("URL", url), prop("FilterName", FILTERS[kind])))
        return document
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    for _ in range(50):  # a fresh profile: the first loads may come back empty
        document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if document is not None:
            return document
        time.sleep(0.2)
    raise SystemExit(f"LibreOffice cannot open {path}: {os.listdir(os.path.dirname(path))}")


def save(document, path):
    kind = "odt" if path.endswith(".odt") else "docx"
    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)), (prop("FilterName", FILTERS[kind]),))


def edit(context, document, step):
    op = step["op"]
    if "author" in step:
        set_author(context, step["author"])
    if op == "comment":
        anchor = find(document, step["find"], step.get("occurrence", 0))
        field = document.createInstance("com.sun.star.text.TextField.Annotation")
        field.Author = step["author"]
        field.Content = step["text"]
        if step.get("point"):  # the cursor placed inside the text, nothing selected
            anchor.collapseToStart()
        anchor.getText().insertTextContent(anchor, field, not step.get("point", False))
    elif op in ("replace", "delete"):
        find(document, step["find"], step.get("occurrence", 0)).setString(step.get("with", ""))
    elif op == "insert":
        cursor = find(document, step["after"], step.get("occurrence", 0))
        cursor.collapseToEnd()
        for i, piece in enumerate(step["text"].split("\n")):
            if i:
                cursor.getText().insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
            cursor.getText().insertString(cursor, piece, False)
    elif op == "delete_paragraph":
        cursor = find(document, step["find"], step.get("occurrence", 0))
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # the paragraph mark
        cursor.setString("")
    else:
        raise SystemExit(f"unknown step {op}")


def run(script):
    pipe = "luanan" + uuid.uuid4().hex[:8]
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    work = tempfile.mkdtemp(prefix="lo-work-")
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    context = None
    try:
        context = connect(pipe)
        document = load(context, script["input"])
        document.RecordChanges = True
        steps = list(script["steps"])
        final = steps.pop()["op"] if steps and steps[-1]["op"] in ("accept_all", "reject_all") else None
        for step in steps:
            edit(context, document, step)
        if final:  # accepting needs a view: the document goes through a file and comes back with one
            document.RecordChanges = False
            middle = os.path.join(work, "middle.docx")
            save(document, middle)
            document.close(True)
            document = load(context, middle, view=True)
            command = ".uno:AcceptAllTrackedChanges" if final == "accept_all" else ".uno:RejectAllTrackedChanges"
            dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
        for path in script["save"]:
            save(document, path)
        document.close(True)
    finally:
        try:
            if context is not None:
                context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context).terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as stream:
        run(json.load(stream))
