"""`make audit`: a known vulnerability in the lock fails, an exemption needs a reason
and dates and expires, and "could look nothing up" is not reported as a pass."""

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "scripts_audit", ROOT / "scripts" / "audit.py"
)
audit = importlib.util.module_from_spec(_spec)
sys.modules["scripts_audit"] = audit
_spec.loader.exec_module(audit)

TODAY = dt.date(2026, 12, 8)


def report(*deps):
    return {"dependencies": list(deps), "fixes": []}


def test_a_known_vulnerability_fails_the_audit():
    # given pip-audit found one vulnerability in a locked package
    found, skipped, audited = audit.summarise(
        report(
            {"name": "django", "version": "5.2.20", "vulns": []},
            {
                "name": "pillow",
                "version": "12.3.0",
                "vulns": [
                    {
                        "id": "GHSA-aaaa-bbbb-cccc",
                        "aliases": ["CVE-2026-0001"],
                        "fix_versions": ["12.3.1"],
                    }
                ],
            },
        )
    )
    # when it is judged
    code, lines = audit.verdict(
        found=found, audited=audited, problems=[], required=False
    )
    # then the audit fails and says what to upgrade to
    assert code == 1
    assert lines[0] == (
        "VULNERABLE pillow 12.3.0: GHSA-aaaa-bbbb-cccc (CVE-2026-0001) -> fixed in 12.3.1"
    )
    assert (skipped, audited) == ([], 2)


def test_a_clean_lock_passes():
    found, _, audited = audit.summarise(
        report({"name": "django", "version": "5.2.20", "vulns": []})
    )
    code, lines = audit.verdict(
        found=found, audited=audited, problems=[], required=True
    )
    assert (code, lines) == (0, ["audit: 1 locked packages, no known vulnerability"])


def test_nothing_looked_up_is_not_a_pass_when_required():
    # given PyPI's vulnerability data answered for no package
    found, skipped, audited = audit.summarise(
        report({"name": "django", "skip_reason": "Dependency not found on PyPI"})
    )
    # then it is reported as not audited: fatal with AUDIT_REQUIRED, a warning without
    assert audited == 0 and len(skipped) == 1
    required = audit.verdict(found=found, audited=audited, problems=[], required=True)
    optional = audit.verdict(found=found, audited=audited, problems=[], required=False)
    assert required[0] == 2
    assert optional[0] == 0
    assert optional[1][0].startswith("NOT AUDITED")


def test_an_exemption_needs_a_reason_and_two_dates():
    text = (
        "# comment\n"
        "\n"
        "GHSA-aaaa-bbbb-cccc  # only the CLI is affected; accepted 2026-12-01, "
        "review by 2027-03-01\n"
        "PYSEC-2026-1\n"
        "CVE-2026-2  # no dates\n"
    )
    exemptions, errors = audit.parse_ignore_file(text)
    assert exemptions == [
        audit.Exemption(
            "GHSA-aaaa-bbbb-cccc",
            "only the CLI is affected",
            dt.date(2026, 12, 1),
            dt.date(2027, 3, 1),
        )
    ]
    assert [re.match(r"audit-ignore.txt:(\d+)", e)[1] for e in errors] == ["4", "5"]


def test_an_exemption_past_its_review_date_fails_the_audit():
    exemptions, _ = audit.parse_ignore_file(
        "GHSA-aaaa-bbbb-cccc  # dev only, accepted 2026-06-01, review by 2026-12-01\n"
    )
    problems = audit.expired(exemptions, today=TODAY)
    code, lines = audit.verdict(found=[], audited=90, problems=problems, required=False)
    assert code == 1
    assert lines == [
        "ERROR exemption GHSA-aaaa-bbbb-cccc was due for review on 2026-12-01 "
        "(accepted 2026-06-01: dev only); fix it or renew it with a new date"
    ]


def test_the_committed_ignore_file_is_well_formed_and_current():
    exemptions, errors = audit.parse_ignore_file(
        (ROOT / "requirements" / "audit-ignore.txt").read_text()
    )
    assert errors == []
    assert audit.expired(exemptions, today=dt.date.today()) == []


def test_the_lock_pins_every_package_with_a_hash():
    text = (ROOT / "requirements" / "lock.txt").read_text()
    entries = re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2])
    pins = [e for e in entries if not e.startswith("#")]
    assert len(pins) > 50
    for entry in pins:
        assert re.match(r"^[a-z0-9._-]+==[^ ]+", entry), entry
        assert "--hash=sha256:" in entry, entry
