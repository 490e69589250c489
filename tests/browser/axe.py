"""axe-core, fetched from the npm registry once (pinned and checked), run inside a page.

The script is injected into the page under test, so the scan needs no network: only the
first run on a machine fetches the package, into var/cache/ (not committed).
"""

import base64
import hashlib
import json
import subprocess
import tarfile
from pathlib import Path

VERSION = "4.14.1"
# The npm registry's dist.integrity for axe-core@VERSION: the tarball must match it.
INTEGRITY = (
    "sha512-"
    "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
CACHE = Path(__file__).resolve().parents[2] / "var" / "cache" / "axe-core"
# WCAG 2.1 levels A and AA, the level public bodies in Norway must meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def axe_source() -> str:
    script = CACHE / VERSION / "axe.min.js"
    if not script.exists():
        script.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 - fixed command, pinned package
            ["npm", "pack", f"axe-core@{VERSION}", "--pack-destination", str(script.parent)],  # noqa: S607
            check=True,
            capture_output=True,
            timeout=300,
        )
        tarball = script.parent / f"axe-core-{VERSION}.tgz"
        data = tarball.read_bytes()
        if integrity_of(data) != INTEGRITY:
            tarball.unlink()
            raise RuntimeError(f"axe-core {VERSION} from the registry does not match its integrity")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/axe.min.js")
            script.write_bytes(member.read())
    return script.read_text(encoding="utf-8")


def scan(page) -> list[dict]:
    """WCAG 2.1 A/AA violations on the page as it is now: [{id, impact, help, targets}]."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # add_script_tag would be refused by the page's CSP; evaluating from outside is not.
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    result = page.evaluate(
        "async (options) => JSON.stringify((await axe.run(document, options)).violations)",
        options,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in json.loads(result)
    ]
