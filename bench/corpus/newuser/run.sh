#!/bin/bash
# What a new user types: no profile, only --header globs (text output).  Each command's first
# lines of output, its exit status and time go to newuser/<n>.log.
A=${APICOMPAT:-/tmp/corpus/venv/bin/apicompat}
M=${APICOMPAT_CORPUS_DIR:-/work/.mirror}
run() { n=$1; shift; echo "\$ apicompat $*" > $n.log; s=$(date +%s.%N); "$A" "$@" > $n.out 2> $n.err; rc=$?; e=$(date +%s.%N);
  printf 'exit %s, %.1f s\n' $rc $(echo "$e - $s" | bc) >> $n.log; echo '--- stdout (head)' >> $n.log; head -12 $n.out >> $n.log; echo '--- stderr (tail)' >> $n.log; tail -6 $n.err >> $n.log; }
run libgit2-default diff v0.28.0 v1.0.0 --repo $M/libgit2+libgit2/repo
run libuv-uvh diff v0.10.37 v1.0.0 --repo $M/libuv+libuv/repo --header include/uv.h
run libuv-default diff v0.10.37 v1.0.0 --repo $M/libuv+libuv/repo
run libpng-explicit diff v1.4.5 v1.5.0 --repo $M/glennrp+libpng/repo --header png.h --header pngconf.h
run libpng-pngh diff v1.4.5 v1.5.0 --repo $M/glennrp+libpng/repo --header png.h
run jansson-hg diff v1.3 v2.0 --repo /tmp/corpus/hg/jansson --header src/jansson.h
run jansson-hg-glob diff v1.3 v2.0 --repo /tmp/corpus/hg/jansson --header 'src/*.h'
run jansson-git-glob diff v1.3 v2.0 --repo $M/akheron+jansson/repo --header 'src/*.h'
run libarchive-explicit diff v2.8.5 v3.0.2 --repo $M/libarchive+libarchive/repo --header libarchive/archive.h --header libarchive/archive_entry.h
run libarchive-glob diff v2.8.5 v3.0.2 --repo $M/libarchive+libarchive/repo --header 'libarchive/*.h'
run libzip diff rel-0-10-1 rel-0-11 --repo $M/nih-at+libzip/repo --header lib/zip.h
run json-c-glob diff json-c-0.13.1-20180305 json-c-0.14-20200419 --repo $M/json-c+json-c/repo --header '*.h'
run json-c-jsonh diff json-c-0.13.1-20180305 json-c-0.14-20200419 --repo $M/json-c+json-c/repo --header json.h
run expat-explicit diff R_1_95_8 R_2_0_0 --repo $M/libexpat+libexpat/repo --header expat/lib/expat.h --header expat/lib/expat_external.h
run expat-glob diff R_1_95_8 R_2_0_0 --repo $M/libexpat+libexpat/repo --header 'expat/lib/*.h'
run sdl-default diff release-2.30.0 release-3.2.0 --repo $M/libsdl-org+SDL/repo
run sdl-globs diff release-2.30.0 release-3.2.0 --repo $M/libsdl-org+SDL/repo --header 'include/*.h' --header 'include/SDL3/*.h'
