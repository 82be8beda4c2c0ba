#!/usr/bin/env bash
# Does the recipe (models/recipes/default-real.json) reproduce radsynth-default 1.0.5's finding
# classifiers? A copy of models/default with its classifiers marked untrained (steps 0 in the
# manifest) goes through the recipe: every other stage is already there at its steps and is
# skipped, so only the findings stage trains (the frontal classifier at 128 px, width 32; the
# lateral at 64 px, width 16), on train-128.rsc (regenerate-data.sh of acquisition-augment-2026-12-07).
# Then the files' SHA-256 against the shipped manifest's. Usage: reproduce.sh CLI (under /work/train1)
set -eu
export XDG_RUNTIME_DIR=/tmp/rt RADSYNTH_QUIET=1
CLI=/work/train1/$1
cd /work/train1
rm -rf bundle-repro && cp -r /work/main/models/default bundle-repro
/usr/bin/python3 - <<'PY'
import json
p = 'bundle-repro/manifest.json'
m = json.load(open(p))
for view in ('frontal', 'lateral'):
    m['finding_classifiers'][view]['steps'] = 0
json.dump(m, open(p, 'w'), indent=2)
PY
date
"$CLI" train --recipe /work/main/models/recipes/default-real.json --data train-128.rsc --bundle bundle-repro > repro.log 2>&1
date
/usr/bin/python3 - <<'PY'
import json, hashlib
shipped = json.load(open('/work/main/models/default/manifest.json'))['finding_classifiers']
again = json.load(open('bundle-repro/manifest.json'))['finding_classifiers']
for view in ('frontal', 'lateral'):
    f = 'bundle-repro/' + again[view]['file']
    sha = hashlib.sha256(open(f, 'rb').read()).hexdigest()
    print(view, 'shipped', shipped[view]['sha256'], 'reproduced', sha, 'SAME' if sha == shipped[view]['sha256'] else 'DIFFERENT',
          'validation loss', shipped[view].get('validation_loss'), again[view].get('validation_loss'))
PY
