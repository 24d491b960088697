#!/usr/bin/env bash
# Checks the deploy files where a checker exists on this machine; ./test.sh runs it and counts each check as a test.
# Ends with "deploy checks: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
passed=0 failed=0
check() { # name command...
  local name=$1 out; shift
  if out=$("$@" 2>&1); then passed=$((passed + 1)); echo "  passed: $name"
  else failed=$((failed + 1)); echo "  FAILED: $name"; echo "$out" | sed 's/^/    /'; fi
}

# systemd-analyze verify wants ExecStart's binary to exist; a copy pointing at /bin/true checks everything else.
# It reports unknown or misspelt options as warnings with exit code 0, so any output fails the check.
verify_unit() {
  command -v systemd-analyze >/dev/null || { echo "systemd-analyze is not installed (Debian: apt-get install systemd)"; return 1; }
  local dir out; dir=$(mktemp -d)
  sed 's|^ExecStart=/opt/shorturl/ShortUrl|ExecStart=/bin/true|' systemd/shorturl.service >"$dir/shorturl.service"
  out=$(systemd-analyze verify "$dir/shorturl.service" 2>&1); local code=$?
  rm -rf "$dir"; echo "$out"
  [ "$code" -eq 0 ] && [ -z "$out" ]
}
unit_hardening() { # the options the README promises, and not MemoryDenyWriteExecute, which the .NET JIT cannot run under
  local missing=0
  for option in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes ReadWritePaths= \
    'CapabilityBoundingSet=$' RestrictAddressFamilies= SystemCallFilter=@system-service User=; do
    grep -qE "^$option" systemd/shorturl.service || { echo "missing: $option"; missing=1; }
  done
  if grep -qE '^MemoryDenyWriteExecute=(yes|true|1)' systemd/shorturl.service; then echo "MemoryDenyWriteExecute breaks the .NET JIT"; missing=1; fi
  return $missing
}
compose_file() { # docker compose config where the plugin exists; otherwise parsed and checked as YAML
  if docker compose version >/dev/null 2>&1; then docker compose -f compose.yaml config -q; return; fi
  python3 - <<'PY'
import yaml
c = yaml.safe_load(open("compose.yaml"))
s = c["services"]
assert {"shorturl-1", "shorturl-2", "postgres"} <= set(s), f"services: {sorted(s)}"
assert s["postgres"]["image"].startswith("postgres:15"), s["postgres"]["image"]
for name in ("shorturl-1", "shorturl-2", "postgres"):
    assert "test" in s[name]["healthcheck"], f"{name} has no healthcheck"
for name in ("shorturl-1", "shorturl-2"):
    env = s[name]["environment"]
    for key in ("ShortUrl__Database", "ConnectionStrings__ShortUrl", "ShortUrl__Metrics__Prometheus"):
        assert key in env, f"{name} lacks {key}"
    assert s[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
PY
}
dashboard() { # valid against deploy/dashboard.schema.json, and every ShortUrl metric it queries is one the service exports
  python3 - <<'PY'
import json, re, jsonschema
d = json.load(open("grafana/shorturl.json"))
jsonschema.validate(d, json.load(open("dashboard.schema.json")))
known = {"shorturl_redirects_total", "shorturl_links_created_total", "shorturl_import_rows_total", "shorturl_clicks_pending",
         "shorturl_click_writer_lag_seconds", "shorturl_click_writer_batch_size", "shorturl_clicks_queued_total",
         "shorturl_clicks_written_total", "shorturl_redirect_index_links", "shorturl_redirect_cache_links",
         "shorturl_redirect_cache_lookups_total", "shorturl_rate_limit_rejections_total", "shorturl_password_failures_total"}
used = {m for p in d["panels"] for t in p["targets"] for m in re.findall(r"shorturl_[a-z_]+", t["expr"])}
assert used <= known, f"unknown metrics: {used - known}"
assert known - {"shorturl_redirect_cache_links"} <= used | {"shorturl_redirect_cache_links"}, f"not shown: {known - used}"
exprs = " ".join(t["expr"] for p in d["panels"] for t in p["targets"])
assert "http_server_request_duration_seconds_bucket" in exprs and '=~"5.."' in exprs, "p99 latency or 5xx rate missing"
PY
}

check "systemd unit: systemd-analyze verify" verify_unit
check "systemd unit: hardening options" unit_hardening
check "compose.yaml: two ShortUrl instances and PostgreSQL 15 with health checks" compose_file
check "grafana/shorturl.json: dashboard schema and metric names" dashboard
echo "deploy checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
