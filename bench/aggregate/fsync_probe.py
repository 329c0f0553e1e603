#!/usr/bin/env python3
"""How much a sync costs on a directory's disk right now (median/min/max of 20, in ms): a 1 KiB file
written and fsynced, a directory fsync, a rename + directory fsync, a one-row SQLite WAL commit
(synchronous=FULL). Run it beside `bench/run aggregate` to read its round figures against the disk's
state. Usage: bench/aggregate/fsync_probe.py [directory, default $TMPDIR or /tmp]"""
import os, sqlite3, sys, tempfile, time

root = tempfile.mkdtemp(prefix="fsync-probe-", dir=sys.argv[1] if len(sys.argv) > 1 else None)


def timed(step, n=20):
    xs = []
    for i in range(n):
        start = time.perf_counter()
        step(i)
        xs.append((time.perf_counter() - start) * 1000)
    xs.sort()
    return f"median {xs[n // 2]:.2f} min {xs[0]:.2f} max {xs[-1]:.2f}"


def sync_dir(_=None):
    fd = os.open(root, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)


def file_fsync(i):
    fd = os.open(f"{root}/f{i}", os.O_CREAT | os.O_WRONLY | os.O_TRUNC)
    os.write(fd, b"x" * 1024)
    os.fsync(fd)
    os.close(fd)


def rename(i):
    os.rename(f"{root}/f{i}", f"{root}/g{i}")
    sync_dir()


db = sqlite3.connect(f"{root}/probe.db", isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE t (x)")


def commit(i):
    db.execute("BEGIN")
    db.execute("INSERT INTO t VALUES (?)", (i,))
    db.execute("COMMIT")


print("file write+fsync", timed(file_fsync))
print("dir fsync", timed(sync_dir))
print("rename+dir fsync", timed(rename))
print("sqlite commit", timed(commit))
db.close()
for name in os.listdir(root):
    os.remove(os.path.join(root, name))
os.rmdir(root)
