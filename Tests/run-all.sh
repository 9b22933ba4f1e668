#!/usr/bin/env bash
# Runs every test project of the solution, after installing the Debian packages the tests drive
# (Chromium and a Chinese font for browser tests and their screenshots, pymodbus and mbpoll for Modbus interoperability, poppler for PDFs).
# Ends with one line "N passed, N failed" summing all projects; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

packages=(chromium fonts-wqy-microhei python3-pymodbus mbpoll poppler-utils socat)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "apt-get could not install: ${missing[*]}"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

mkdir -p artifacts
log=artifacts/test-output.log
if ! dotnet build Prepaid.sln --nologo -v quiet -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# Test projects run in parallel (dotnet test's default); a hung test host is dumped and killed.
dotnet test Prepaid.sln --no-build --nologo --blame-hang-timeout 10m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
projects=$(find Tests -name '*.Tests.csproj' | wc -l)
summaries=$(grep -cE '^(Passed|Failed)! ' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed or a project reported no summary
fi
if [ "$summaries" -lt "$projects" ]; then
  echo "Only $summaries of $projects test projects reported results."
  [ "$failed" -eq 0 ] && failed=1
fi

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
