#!/bin/sh
# npm test: the type check beside the tests rather than before them (the tests wait on child
# processes at times, and tsc uses those gaps); fails when either fails. Arguments go to vitest.
tsc --noEmit &
types=$!
vitest run "$@"
tests=$?
wait "$types" || exit 1
exit "$tests"
