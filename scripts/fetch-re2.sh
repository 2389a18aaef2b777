#!/usr/bin/env bash
# Fetches RE2's source from Debian's source archive into DEST and generates the
# three tables Debian's tarball lacks. Both the native and the WebAssembly build
# compile this one source, so both targets run the same engine.
#   scripts/fetch-re2.sh DEST
# Needs: a deb-src entry (scripts/install-deps.sh adds it), dpkg-dev, python3, perl, unicode-data.
set -euo pipefail
dest=${1:?usage: fetch-re2.sh DEST}
if [ -f "$dest/re2/re2.h" ] && [ -f "$dest/re2/unicode_groups.cc" ]; then exit 0; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get source --download-only re2 >/dev/null 2>apt.err; then
  cat apt.err >&2
  echo "fetch-re2.sh: 'apt-get source re2' failed: run scripts/install-deps.sh first (it adds the deb-src entry)" >&2
  exit 1
fi
tar xf re2_*.orig.tar.*
tar xf re2_*.debian.tar.*
src=$(find . -maxdepth 1 -type d -name 're2-*' | head -1)
[ -n "$src" ] || { echo "fetch-re2.sh: unexpected layout of Debian's re2 source" >&2; exit 1; }
(cd "$src" && patch -s -p1 < ../debian/patches/debian-unicode-data.patch &&
  make -s REBUILD_TABLES=1 re2/perl_groups.cc re2/unicode_casefold.cc re2/unicode_groups.cc >/dev/null)
mkdir -p "$(dirname "$dest")"
rm -rf "$dest.tmp" && mv "$src" "$dest.tmp" && rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "fetch-re2.sh: RE2 $(basename "$(ls re2_*.dsc)" .dsc) source ready in $dest"
