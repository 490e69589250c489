"""The SQLite path (no DATABASE_URL): migrations create the FTS5 table and its triggers, and
the same view finds compounds, case numbers and respects visibility.

The suite runs on PostgreSQL, so this runs ``tests/search/sqlite_run.py`` in a process of
its own against a fresh SQLite file and reads back what each role found.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.search.helpers import EXEMPT_MARKER

BASE_DIR = Path(__file__).resolve().parents[2]


def test_search_on_sqlite_through_fts5(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CI")}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "true"}
    env |= {"MEDIA_ROOT": str(tmp_path / "media"), "SECRET_KEY": "test-only"}
    script = "exec(open('tests/search/sqlite_run.py').read())"
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT")]
    assert lines, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(lines[0].removeprefix("REPORT"))
    assert report["vendor"] == "sqlite"
    member, reader, outsider = report["member"], report["reader"], report["outsider"]

    assert "Sak 1/18 Samarbeidsavtalen mellom kommunene" in reader["avtale"]["titles"]
    assert "<mark>Samarbeidsavtalen</mark>" in reader["avtale"]["html"]
    assert reader["barnevern"]["titles"] == ["Sak 2/18 Barn og unge"]
    assert reader["case_number"]["titles"] == ["Sak 1/18 Samarbeidsavtalen mellom kommunene"]
    # The exempt case: its group's member finds it, the reader from Grue and Bodø do not.
    assert member["exempt"]["titles"] == ["Sak 3/18 Personalsak"]
    assert reader["exempt"]["titles"] == [] and outsider["exempt"]["titles"] == []
    # The draft meeting is the insiders'; the approved one the project's readers' too.
    assert member["newest"]["titles"] == ["Styringsgruppemøte juni", "Styringsgruppemøte mars"]
    assert reader["newest"]["titles"] == ["Styringsgruppemøte mars"]
    assert outsider["avtale"]["titles"] == []
    assert outsider["case_number"]["titles"] == ["Sak 1/18 Bodømarkør sak"]
    # Attachments: read by the outbox task, found by the group's member; the reader from Grue
    # finds the open file once the minutes are approved, never the confidential one.
    files = report["attachments"]
    assert files["draft:member"] == {"pdf": ["Befaring.pdf"], "docx": ["Notat.docx"]}
    assert files["draft:reader"] == {"pdf": [], "docx": []}
    assert files["approved:reader"] == {"pdf": ["Befaring.pdf"], "docx": []}
    assert files["approved:member"] == {"pdf": ["Befaring.pdf"], "docx": ["Notat.docx"]}
    assert files["draft:outsider"] == files["approved:outsider"] == {"pdf": [], "docx": []}
    # The public search, logged out, over the published version only.
    public = report["public"]
    assert public["avtale"]["titles"] == ["Sak 1/18 Samarbeidsavtalen mellom kommunene"]
    assert "<mark>avtalen</mark>" in public["avtale"]["html"]
    assert public["exempt"]["titles"] == []
    # The box repeats the query in lower case; the case's text would have its capital.
    assert EXEMPT_MARKER not in public["exempt"]["html"]
    assert public["taken_down"]["titles"] == []
