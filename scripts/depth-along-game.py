#!/usr/bin/env python3
"""Depth reached at a fixed node budget along one game, as in a match: one engine
process, `ucinewgame` once, then `position ... moves ...` and `go nodes N` for every ply,
so that each search finds what the previous ones left in the hash table.

Compares how far two engines see for the same work in play (a bench searches each
position afresh and hides how well a search reuses its table). Node-limited searches with
one thread are deterministic, so the figures do not depend on the machine's load.

Usage: scripts/depth-along-game.py ENGINE [--option 'Name=value' ...] [--nodes 150000]
                                   [--fen FEN --moves 'm1 m2 ...']
Prints, per ply, the depth and nodes of the last completed iteration and the best move,
then the mean depth.
"""
import argparse
import subprocess
import sys

# A line from this project's match book (openings-8ply.epd) and the game that followed it
# in a match of Corvid against Stockfish 15.1 (session 12).
DEFAULT_FEN = "rnbqkbnr/p1pp2p1/1p6/4pp1p/PP5P/2N2N2/2PPPPP1/R1BQKB1R b KQkq - 0 1"
DEFAULT_MOVES = "f8b4 f3e5 d8f6 h1h3 g8e7 e5d3 b4c3 d2c3 b8c6 c1b2 c8b7 c3c4 f6f7 c4c5 e8c8 e2e3"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("engine")
    ap.add_argument("--option", action="append", default=[], help="UCI option as Name=value")
    ap.add_argument("--nodes", type=int, default=150000)
    ap.add_argument("--fen", default=DEFAULT_FEN)
    ap.add_argument("--moves", default=DEFAULT_MOVES)
    args = ap.parse_args()

    engine = subprocess.Popen([args.engine], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def send(line):
        engine.stdin.write(line + "\n")
        engine.stdin.flush()

    def read_until(prefix):
        lines = []
        for line in engine.stdout:
            lines.append(line.strip())
            if line.startswith(prefix):
                return lines
        sys.exit(f"error: {args.engine} ended before '{prefix}'")

    send("uci")
    name = next((l[8:] for l in read_until("uciok") if l.startswith("id name ")), args.engine)
    for option in args.option:
        key, _, value = option.partition("=")
        send(f"setoption name {key} value {value}")
    send("ucinewgame")
    send("isready")
    read_until("readyok")

    moves = args.moves.split()
    depths = []
    print(f"{name}: go nodes {args.nodes} along {len(moves) + 1} positions")
    for ply in range(len(moves) + 1):
        send(f"position fen {args.fen} moves {' '.join(moves[:ply])}".rstrip())
        send(f"go nodes {args.nodes}")
        lines = read_until("bestmove")
        infos = [l.split() for l in lines if l.startswith("info depth") and " pv " in l]
        if not infos:
            print(f"{ply:3d} no completed iteration; {lines[-1]}")
            continue
        last = infos[-1]
        depth, nodes = int(last[last.index("depth") + 1]), int(last[last.index("nodes") + 1])
        depths.append(depth)
        print(f"{ply:3d} depth {depth:3d} nodes {nodes:8d} {lines[-1]}")
    send("quit")
    engine.wait()
    if depths:
        print(f"mean depth {sum(depths) / len(depths):.2f} over {len(depths)} positions")


if __name__ == "__main__":
    main()
