"""Audit requirements/lock.txt for known vulnerabilities (`make audit`).

pip-audit checks every pinned release against PyPI's vulnerability data without
building an environment (`--disable-pip`: the lock is fully pinned and hashed).
This wrapper adds what pip-audit leaves to its caller:

- the accepted exemptions come from requirements/audit-ignore.txt, each with a
  reason, the date it was accepted and a review date; a malformed line or a
  review date in the past fails the audit;
- pip-audit exits 0 when it could look nothing up ("Dependency not found on
  PyPI" for every package: PyPI's per-release JSON is unreachable). That is not a
  pass: it is reported as NOT AUDITED, and fails when AUDIT_REQUIRED=1 (set it
  on a CI that reaches all of PyPI).

Exit codes: 0 clean (or not audited, without AUDIT_REQUIRED), 1 a vulnerability
or a bad exemption, 2 not audited with AUDIT_REQUIRED=1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
IGNORE = ROOT / "requirements" / "audit-ignore.txt"

_LINE = re.compile(
    r"^(?P<id>[A-Za-z][A-Za-z0-9-]+)\s+#\s*(?P<reason>.+?)[,;]\s*"
    r"accepted\s+(?P<accepted>\d{4}-\d{2}-\d{2}),?\s*"
    r"review\s+by\s+(?P<review>\d{4}-\d{2}-\d{2})\s*$"
)


@dataclass(frozen=True)
class Exemption:
    vuln_id: str
    reason: str
    accepted: dt.date
    review_by: dt.date


def parse_ignore_file(text: str) -> tuple[list[Exemption], list[str]]:
    """The exemptions of an ignore file, and one error message per bad line."""
    exemptions: list[Exemption] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            errors.append(
                f"audit-ignore.txt:{number}: expected "
                f"'ID  # reason, accepted YYYY-MM-DD, review by YYYY-MM-DD', got {line!r}"
            )
            continue
        try:
            accepted = dt.date.fromisoformat(match["accepted"])
            review_by = dt.date.fromisoformat(match["review"])
        except ValueError as exc:
            errors.append(f"audit-ignore.txt:{number}: {exc}")
            continue
        exemptions.append(
            Exemption(match["id"], match["reason"].strip(), accepted, review_by)
        )
    return exemptions, errors


def expired(exemptions: list[Exemption], *, today: dt.date) -> list[str]:
    return [
        f"exemption {e.vuln_id} was due for review on {e.review_by} "
        f"(accepted {e.accepted}: {e.reason}); fix it or renew it with a new date"
        for e in exemptions
        if e.review_by < today
    ]


def summarise(report: dict) -> tuple[list[str], list[str], int]:
    """(vulnerability lines, skipped package lines, number of packages audited)."""
    found: list[str] = []
    skipped: list[str] = []
    audited = 0
    for dep in report.get("dependencies", []):
        if "skip_reason" in dep:
            skipped.append(f"{dep['name']}: {dep['skip_reason']}")
            continue
        audited += 1
        for vuln in dep.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release"
            aliases = ", ".join(vuln.get("aliases") or [])
            found.append(
                f"{dep['name']} {dep.get('version', '?')}: {vuln['id']}"
                + (f" ({aliases})" if aliases else "")
                + f" -> fixed in {fixes}"
            )
    return found, skipped, audited


def verdict(
    *, found: list[str], audited: int, problems: list[str], required: bool
) -> tuple[int, list[str]]:
    """The exit code and the lines to print for one audit."""
    lines = [f"ERROR {p}" for p in problems]
    lines += [f"VULNERABLE {f}" for f in found]
    if problems or found:
        if found:
            lines.append(
                "Upgrade within pyproject's ranges (make lock UPGRADE_PACKAGE=name), "
                "or accept it in requirements/audit-ignore.txt with a reason and dates."
            )
        return 1, lines
    if audited == 0:
        lines.append(
            "NOT AUDITED: no package could be looked up (PyPI's vulnerability data "
            "is unreachable from this machine)."
        )
        return (2 if required else 0), lines
    lines.append(f"audit: {audited} locked packages, no known vulnerability")
    return 0, lines


def run_pip_audit(*, lock: Path, ignore_ids: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        command = [
            sys.executable,
            "-m",
            "pip_audit",
            "--requirement",
            str(lock),
            "--require-hashes",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(out),
        ]
        for vuln_id in ignore_ids:
            command += ["--ignore-vuln", vuln_id]
        completed = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
        if not out.exists():
            sys.stderr.write(completed.stderr)
            raise SystemExit(f"pip-audit failed (exit {completed.returncode})")
        return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=LOCK)
    parser.add_argument("--ignore-file", type=Path, default=IGNORE)
    args = parser.parse_args(argv)

    exemptions, problems = parse_ignore_file(args.ignore_file.read_text())
    problems += expired(exemptions, today=dt.date.today())
    report = run_pip_audit(lock=args.lock, ignore_ids=[e.vuln_id for e in exemptions])
    found, skipped, audited = summarise(report)
    if skipped and audited:
        for line in skipped:
            print(f"skipped {line}")
    code, lines = verdict(
        found=found,
        audited=audited,
        problems=problems,
        required=os.environ.get("AUDIT_REQUIRED", "") not in ("", "0"),
    )
    for line in lines:
        print(line)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
