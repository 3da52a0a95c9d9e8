#!/bin/sh
# Make the Mercurial member of the corpus: jansson's git mirror converted with `hg convert`,
# keeping only the public headers (and the two documents the checklist comes from).
#   ./make_hg.sh [GIT_MIRROR]     (default: $APICOMPAT_CORPUS_DIR or /work/.mirror, akheron+jansson/repo)
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=${APICOMPAT_CORPUS_DIR:-/work/.mirror}
src=${1:-$root/akheron+jansson/repo}
hg=${HG:-$here/venv/bin/hg}
[ -x "$hg" ] || hg=hg
rm -rf "$here/hg/jansson"
"$hg" --config extensions.convert= convert --filemap "$here/jansson.filemap" "$src" "$here/hg/jansson"
"$hg" -R "$here/hg/jansson" tags | grep -E '^v(1\.3|2\.0) '
