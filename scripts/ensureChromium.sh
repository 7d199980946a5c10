#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded one). Installs it when missing
# and this runs as root with apt-get (CI, a fresh machine); otherwise says what to do.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium and fonts-liberation" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-liberation >/dev/null
  exit 0
fi
echo "ensure-chromium: /usr/bin/chromium is missing: apt-get install -y chromium fonts-liberation" >&2
exit 1
