#!/usr/bin/env bash
# What `npm test` needs beyond npm packages, brought by `npm test` itself (scripts/test.ts runs this
# first), so that on a fresh machine the README's two commands are the whole set-up:
#   - Debian's Chromium and CJK fonts for the end-to-end tests (browsers cannot be downloaded here);
#   - libfaketime (package faketime) for the pinned test clock (scripts/testClock.ts);
#   - HAProxy, the load balancer of `npm run cluster` and `npm run test:cluster`;
#   - pg_dump 18 for the backup test, built once per machine by scripts/pg-client.sh, which needs a
#     compiler, bison, flex and the OpenSSL and zlib headers.
# As root it installs what is missing with apt-get; otherwise it stops at once, naming the one
# command to run.   bash scripts/prerequisites.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES="chromium fonts-noto-cjk faketime haproxy build-essential bison flex libssl-dev zlib1g-dev"
missing=()
if command -v dpkg >/dev/null 2>&1; then
  for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ -x /usr/bin/chromium ] || [[ " ${missing[*]-} " == *" chromium "* ]] || missing+=(chromium)
else
  [ -x /usr/bin/chromium ] || { echo "缺少 /usr/bin/chromium；本项目的测试按 Debian/Ubuntu 编写（apt-get install $PACKAGES）" >&2; exit 1; }
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "测试所需的系统软件包缺少：${missing[*]}" >&2
    echo "请先运行（一次即可）：sudo bash scripts/prerequisites.sh" >&2
    exit 1
  fi
  echo "安装测试所需的系统软件包：${missing[*]}……"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

bash scripts/pg-client.sh
