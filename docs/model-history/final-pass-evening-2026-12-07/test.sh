#!/usr/bin/env bash
# Test split, once: the final pass's changes of the evening of 2026-12-07 (an effusion or
# pneumothorax moved to the other side in the impression; "no acute ..." after only pleural
# thickening or devices; a heart that "is" a lung finding; a sentence repeated in its section),
# shipped 1.0.3 weights, beside test-final (the same command at 2014c22,
# ../impression-named-2026-12-07/test-final.sh). Writes /work/train1/test-evening/.
CLI=/work/train1/radsynth-cli-final39 exec "$(dirname "$0")/../acquisition-augment-2026-12-07/test-run.sh" evening
