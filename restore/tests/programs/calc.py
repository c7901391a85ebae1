# Sums squares, one line per step into argv[1] ("i running_total"), 2 ms apart.
import sys, time
out = open(sys.argv[1], "w", buffering=1)
total = 0
for i in range(3000):
    total += i * i
    out.write(f"{i} {total}\n")
    time.sleep(0.002)
