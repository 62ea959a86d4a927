"""datasketch side of bench/near-dedup-bench.ts: the same corpus file, the same shingles
(lowercase, punctuation to space, word 5-grams), MinHash signatures with the same number of hash
values, MinHashLSH at threshold 0.8 (datasketch picks its own bands and rows for that threshold),
then a query per document for its candidates. Prints one JSON object.

datasketch is used the fast way: MinHash.bulk shares one set of permutations across documents and
hashes a document's shingles as one numpy batch (constructing MinHash per document would redo the
permutations each time), and the LSH is filled in one insertion session.
"""
import json
import re
import resource
import sys
import time

from datasketch import MinHash, MinHashLSH

path, num_perm, shingle_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
PUNCT = re.compile(r"[^\w\s]+")


def shingles(text):
    words = PUNCT.sub(" ", text.lower()).split()
    if len(words) <= shingle_size:
        return [" ".join(words).encode("utf8")]
    return [" ".join(words[i : i + shingle_size]).encode("utf8") for i in range(len(words) - shingle_size + 1)]


with open(path, encoding="utf8") as f:
    texts = [json.loads(line) for line in f]

cpu0, wall0 = time.process_time(), time.perf_counter()
BATCH = 10000
signatures = []
for start in range(0, len(texts), BATCH):
    signatures.extend(MinHash.bulk([shingles(t) for t in texts[start : start + BATCH]], num_perm=num_perm, seed=1))
cpu1, wall1 = time.process_time(), time.perf_counter()
lsh = MinHashLSH(threshold=0.8, num_perm=num_perm)
with lsh.insertion_session() as session:
    for i, m in enumerate(signatures):
        session.insert(i, m, check_duplication=False)
pairs = 0
for i, m in enumerate(signatures):
    for j in lsh.query(m):
        if j > i:
            pairs += 1
cpu2, wall2 = time.process_time(), time.perf_counter()
print(
    json.dumps(
        {
            "documents": len(texts),
            "bands_rows": list(lsh.b.__class__ and (lsh.b, lsh.r)),
            "sign_cpu_s": cpu1 - cpu0,
            "sign_wall_s": wall1 - wall0,
            "lsh_cpu_s": cpu2 - cpu1,
            "total_cpu_s": cpu2 - cpu0,
            "total_wall_s": wall2 - wall0,
            "candidate_pairs": pairs,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )
)
