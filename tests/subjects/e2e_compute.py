# End-to-end workload for the system python3: a deterministic computation (a SHA-256 chain,
# a growing list and dict, big integers) printing progress line by line.
import hashlib
import sys
import time

h = b"hmcr"
table = {}
acc = 1
for step in range(40):
    for i in range(3000):
        h = hashlib.sha256(h + i.to_bytes(4, "little")).digest()
    table[step] = h.hex()[:16]
    acc = (acc * 3 ** 50 + int.from_bytes(h[:8], "little")) % (2 ** 521 - 1)
    print(f"step {step} {h.hex()} {len(table)} {acc % 1000000007}", flush=True)
    time.sleep(0.05)
print("final", sorted(table.items())[-1], acc % 998244353, flush=True)
sys.exit(0)
