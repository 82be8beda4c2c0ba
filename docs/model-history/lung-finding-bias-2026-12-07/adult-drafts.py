# For each of real-drafts.sh's 80 real adult F2R outputs (../impression-location-2026-12-07/real-drafts.sh):
# does the chosen draft, the greedy draft, or any of the 16 drafts state a lung opacity,
# consolidation or pneumonia (present or uncertain, per `radsynth-cli label`)?
# Usage: adult-drafts.py OUT [CLI]   (slow: one label call per draft, ~20 min)
import subprocess, json, re, sys, os, glob
cli=sys.argv[2] if len(sys.argv) > 2 else '/work/main/build/bin/radsynth-cli'
env=dict(os.environ, XDG_RUNTIME_DIR='/tmp/rt', RADSYNTH_QUIET='1')
def labels(text):
    r=subprocess.run([cli,'label','--json','-'],input=text,capture_output=True,text=True,env=env)
    return json.loads(r.stdout)
root=sys.argv[1]
n=0; chosenAbn=0; anyAbn=0; greedyAbn=0
for d in sorted(glob.glob(root+'/0*')):
    txt=open(d+'/report-drafts.txt').read()
    drafts=re.findall(r'^draft (\d+)( \(chosen\))?, score (\S+).*?\n(.*?)\n', txt, re.M)
    abn=[]
    for num,ch,sc,t in drafts:
        j=labels(t)
        a=any(x['observation'] in ('lung_opacity','consolidation','pneumonia') and x['status']!='negative' for x in j['findings'])
        abn.append((int(num),bool(ch),float(sc),a))
    n+=1
    c=[x for x in abn if x[1]][0]
    chosenAbn+=c[3]; anyAbn+=any(x[3] for x in abn); greedyAbn+=abn[0][3]
print(n,'chosen abnormal',chosenAbn,'greedy abnormal',greedyAbn,'any abnormal',anyAbn)
