import json, os
print("guidance | R2F finding AUC (frontal) | R2L finding AUC (lateral) | R2F FD | R2L FD")
for g in [6,9,12,16]:
    f=f'val-guidance-g{g}/metrics.json'
    if not os.path.exists(f): continue
    m=json.load(open(f)); row=[str(g)]
    for t in ['R2F','R2L']:
        v=list(m['tasks'][t]['methods']['model']['views'].values())[0]; row.append(f"{v['finding_auc']['mean']:.3f} (all {v['finding_auc']['mean_all']:.3f})")
    for t in ['R2F','R2L']:
        v=list(m['tasks'][t]['methods']['model']['views'].values())[0]; row.append(f"{v['frechet_distance']:.3f}")
    print(" | ".join(row))
print()
print("drafts | F2R CE F1 micro | F2R F1 abnormal | F2R BLEU-4 | L2R CE F1 | L2R F1 abn | L2R BLEU-4 | F2R s/study | ped val sens | spec | AUC")
for d in [1,4,8,16,32]:
    f=f'val-drafts-d{d}/metrics.json'
    if not os.path.exists(f): continue
    m=json.load(open(f)); row=[str(d)]
    for t in ['F2R','L2R']:
        r=m['tasks'][t]['methods']['model']
        row += [f"{r['clinical']['micro']['f1']:.3f}", f"{r['clinical']['micro_abnormal']['f1']:.3f}", f"{r['bleu4']:.3f}"]
    row.append(f"{m['tasks']['F2R']['methods']['model']['seconds']:.3f}")
    l=list(m['real']['labelled_frontals'].values())[0]['model']
    row += [f"{l['sensitivity']:.3f}", f"{l['specificity']:.3f}", f"{l['auc']:.3f}" if isinstance(l['auc'],(int,float)) else str(l['auc'])]
    print(" | ".join(row))
