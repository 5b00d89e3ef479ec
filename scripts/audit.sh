#!/usr/bin/env bash
# Security checks (CI runs them after the tests); each fails on a finding.
# - bandit: the project's own code (settings in pyproject.toml [tool.bandit]);
# - pip-audit: the installed packages against PyPI's vulnerability data.
# PyPI's per-version data is out of reach on some networks (this workplace's included): then
# pip-audit can audit nothing, which is said loudly but not failed on, unless
# AUDIT_REQUIRED=1 (set it where the network allows).
set -euo pipefail
cd "$(dirname "$0")/.."

.venv/bin/bandit -q -c pyproject.toml -r .
echo "bandit: no finding."

report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
.venv/bin/pip-audit --progress-spinner off --vulnerability-service pypi \
  --format json --output "$report" 2>/dev/null || status=$?
.venv/bin/python - "$report" "$status" "${AUDIT_REQUIRED:-0}" <<'PY'
import json
import sys

path, status, required = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
try:
    with open(path) as report:
        packages = json.load(report)["dependencies"]
except (OSError, ValueError, KeyError):
    sys.exit(f"pip-audit failed (exit {status}) without a report.")
found = [(p["name"], p["version"], v["id"], v.get("fix_versions")) for p in packages
         for v in p.get("vulns", [])]
for name, version, vuln, fixes in found:
    print(f"pip-audit: {name} {version}: {vuln} (fixed in {', '.join(fixes) or 'no release'})")
audited = [p for p in packages if "skip_reason" not in p]
skipped = len(packages) - len(audited)
if found:
    sys.exit(f"pip-audit: {len(found)} known vulnerabilities.")
if not audited:
    message = (f"pip-audit: WARNING: no package could be audited ({skipped} skipped): "
               "PyPI's vulnerability data is out of reach from this network.")
    sys.exit(message) if required else print(message)
else:
    print(f"pip-audit: no known vulnerability in {len(audited)} packages ({skipped} skipped).")
PY
