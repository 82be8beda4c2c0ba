#!/usr/bin/env python3
"""The composed-sentence penalty sweep on validation: one row per penalty."""
import json, sys, glob, re
rows = []
for path in sorted(glob.glob('val-novel-p*/metrics.json'), key=lambda p: float(re.search(r'p([\d.]+)', p).group(1))):
    p = re.search(r'p([\d.]+)/', path).group(1)
    m = json.load(open(path))
    t = m['tasks']
    f2r, l2r = t['F2R']['methods']['model'], t['L2R']['methods']['model']
    real = list(m.get('real', {}).get('labelled_frontals', {}).values())
    r = real[0]['model'] if real and isinstance(real[0], dict) else {}
    fmt = lambda x: '-' if x is None else f'{x:.3f}'
    rows.append([p, fmt(f2r['clinical']['micro']['f1']), fmt(f2r['clinical']['micro_abnormal']['f1']), fmt(l2r['clinical']['micro']['f1']),
                 fmt(f2r['bleu4']), fmt(f2r['readability'].get('composed_sentence_rate')), fmt(l2r['readability'].get('composed_sentence_rate')),
                 fmt(r.get('sensitivity')), fmt(r.get('specificity')), fmt(r.get('readability', {}).get('composed_sentence_rate')),
                 fmt(t['F2R']['methods']['model']['reference_readability'].get('composed_sentence_rate'))])
print('| penalty | F2R clinical F1 | F2R abnormal F1 | L2R clinical F1 | F2R BLEU-4 | F2R composed | L2R composed | real ped. sensitivity | real ped. specificity | real ped. composed | references composed |')
print('|' + '---|' * 11)
for r in rows:
    print('| ' + ' | '.join(r) + ' |')
