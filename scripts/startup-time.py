#!/usr/bin/env python3
"""Start-up time: a fresh `corvid` process, `uci` -> `uciok`, then `isready` -> `readyok`
(the embedded nets read), then optionally `setoption name EvalFile value NET` -> `readyok`;
and in another fresh process `go movetime M` sent as the very first line -> `bestmove`
(the clock of a go runs from its line's arrival, net loading included).
  scripts/startup-time.py [path/to/corvid] [--net NET] [--runs N] [--first-go M]
Prints milliseconds of wall time per run."""
import argparse, subprocess, time

ap = argparse.ArgumentParser()
ap.add_argument("engine", nargs="?", default="build/corvid")
ap.add_argument("--net")
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--first-go", type=int, default=1000, metavar="M", help="movetime of the first-line go (0: skip)")
args = ap.parse_args()

def start():
    return subprocess.Popen([args.engine], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, bufsize=1)

def until(p, word):
    while p.stdout.readline().strip() != word:
        pass

for run in range(args.runs):
    t0 = time.monotonic()
    p = start()
    p.stdin.write("uci\n"); p.stdin.flush(); until(p, "uciok"); t1 = time.monotonic()
    p.stdin.write("isready\n"); p.stdin.flush(); until(p, "readyok"); t2 = time.monotonic()
    line = f"run {run + 1}: uciok {1000 * (t1 - t0):.0f} ms, readyok {1000 * (t2 - t0):.0f} ms"
    if args.net:
        p.stdin.write(f"setoption name EvalFile value {args.net}\nisready\n"); p.stdin.flush()
        until(p, "readyok")
        line += f", EvalFile load {1000 * (time.monotonic() - t2):.0f} ms"
    p.stdin.write("quit\n"); p.stdin.flush(); p.wait()
    if args.first_go:
        t0 = time.monotonic()
        p = start()
        p.stdin.write(f"go movetime {args.first_go}\n"); p.stdin.flush()
        while not p.stdout.readline().startswith("bestmove"):
            pass
        line += f", first-line go movetime {args.first_go} -> bestmove {1000 * (time.monotonic() - t0):.0f} ms"
        p.stdin.write("quit\n"); p.stdin.flush(); p.wait()
    print(line)
