import json, sys
for d in sys.argv[1:]:
    m=json.load(open(d+'/metrics.json'))
    print('==', d, m['model'] if 'model' in m else '')
    for t in ['F2R','L2R','FL2R']:
        if t not in m['tasks']: continue
        r=m['tasks'][t]['methods']['model']; rd=r['readability']
        print(f"  {t}: CE F1 {r['clinical']['micro']['f1']:.3f} abn {r['clinical']['micro_abnormal']['f1']:.3f} BLEU-4 {r['bleu4']:.3f} contra {rd.get('self_contradiction_rate')} frag {rd.get('with_fragments', rd.get('fragment_rate'))} s {r['seconds']:.1f}")
    for k,l in m.get('real',{}).get('labelled_frontals',{}).items():
        mm=l['model']; b=mm['readability_before_final_pass']; a=mm['readability']
        print(f"  real {k.split('real-cxr/')[-1]}: n {l['images']} sens {mm['sensitivity']:.3f} spec {mm['specificity']:.3f} auc {mm['auc']} before: contra {b.get('self_contradiction_rate')} after {a.get('self_contradiction_rate')}")
    o=m['ood']
    print('  ood sim test', o['simulated_test']['flagged_fraction'], {k:(v['flagged'],v['images']) if isinstance(v,dict) else v for k,v in o.get('sets',{}).items()})
