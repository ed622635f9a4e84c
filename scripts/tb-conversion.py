#!/usr/bin/env python3
"""Tablebase games: does Corvid with SyzygyPath convert won endgames and hold drawn ones?

Draws random legal positions of the given material (KQvK, KRvK, KBNvK to win; KRvKB,
KRvKN, KQvKQ, KPvK to hold), keeps those the tables call a win for the side with more
material (or a draw), plays each one twice against another engine (colours reversed)
through scripts/match.sh, and reads the games back: in a won start Corvid, on the winning
side, must win; from a drawn start Corvid must not lose, on either side. Games where the
opponent had the winning side are listed but not judged.

  scripts/tb-conversion.py [--engine build/corvid] [--tables tests/data/syzygy]
      [--wins N] [--draws N] [--seed S] [--tc 5+0.05] [--out DIR] [-- match.sh options]

Standard library only. Exit status 0 when every judged game went Corvid's way, 1 if not,
2 if the games could not be played.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIN_CLASSES = ["KQvK", "KRvK", "KBNvK"]
DRAW_CLASSES = ["KRvKB", "KRvKN", "KQvKQ", "KPvK"]


def random_position(material, rng):
    """A FEN with `material` ('KBNvK': the strong side first), colours and side to move
    drawn at random; it may be illegal (corvid tb says so)."""
    strong, weak = material.split("v")
    strong_white = rng.random() < 0.5
    board = [None] * 64
    for pieces, white in ((strong, strong_white), (weak, not strong_white)):
        for p in pieces:
            while True:
                sq = rng.randrange(64)
                if board[sq] is None and not (p == "P" and sq // 8 in (0, 7)):
                    break
            board[sq] = p if white else p.lower()
    rows = []
    for rank in range(7, -1, -1):
        row, empty = "", 0
        for file in range(8):
            piece = board[rank * 8 + file]
            if piece is None:
                empty += 1
            else:
                row += (str(empty) if empty else "") + piece
                empty = 0
        rows.append(row + (str(empty) if empty else ""))
    side = "w" if rng.random() < 0.5 else "b"
    return "/".join(rows) + f" {side} - - 0 1", strong_white


def probe(engine, tables, fens):
    out = subprocess.run([engine, "tb", "--path", tables], input="\n".join(fens) + "\n",
                         capture_output=True, text=True, check=False).stdout.splitlines()
    if len(out) != len(fens):
        sys.exit(f"tb-conversion: corvid tb answered {len(out)} lines for {len(fens)} positions")
    return [line.split()[0] for line in out]


def draw_positions(engine, tables, classes, count, want_win, rng):
    """count positions per class: won for the strong side (want_win) or drawn."""
    chosen = []
    for material in classes:
        found = 0
        while found < count:
            batch = [random_position(material, rng) for _ in range(200)]
            for (fen, strong_white), wdl in zip(batch, probe(engine, tables, [f for f, _ in batch])):
                if found == count or wdl == "error:":
                    continue
                strong_to_move = (fen.split()[1] == "w") == strong_white
                won = wdl == ("win" if strong_to_move else "loss")
                if (won if want_win else wdl == "draw"):
                    chosen.append((material, fen, strong_white, "win" if want_win else "draw"))
                    found += 1
    return chosen


def read_games(pgn_path):
    games, tags = [], {}
    with open(pgn_path, encoding="utf-8", errors="replace") as pgn:
        for line in pgn:
            m = re.match(r'\[(\w+) "(.*)"\]', line)
            if m:
                tags[m.group(1)] = m.group(2)
            elif line.strip() == "" and tags.get("Result") and "FEN" in tags:
                games.append(tags)
                tags = {}
    if tags.get("Result") and "FEN" in tags:
        games.append(tags)
    return games


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", default=os.path.join(REPO, "build", "corvid"))
    ap.add_argument("--engine-name", default="Corvid")
    ap.add_argument("--tables", default=os.path.join(REPO, "tests", "data", "syzygy"))
    ap.add_argument("--wins", type=int, default=8, help="won starts per class (default 8)")
    ap.add_argument("--draws", type=int, default=4, help="drawn starts per class (default 4)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tc", default="5+0.05")
    ap.add_argument("--out", default=None)
    ap.add_argument("rest", nargs="*", help="further scripts/match.sh options (after --)")
    args = ap.parse_args()
    engine, tables = os.path.abspath(args.engine), os.path.abspath(args.tables)
    rng = random.Random(args.seed)
    starts = draw_positions(engine, tables, WIN_CLASSES, args.wins, True, rng)
    starts += draw_positions(engine, tables, DRAW_CLASSES, args.draws, False, rng)
    by_fen = {fen.split(" 0 1")[0]: (material, strong_white, kind) for material, fen, strong_white, kind in starts}

    out = args.out or tempfile.mkdtemp(prefix="corvid-tb-games.")
    os.makedirs(out, exist_ok=True)
    epd = os.path.join(out, "starts.epd")
    with open(epd, "w", encoding="ascii") as f:
        for _, fen, _, _ in starts:
            f.write(" ".join(fen.split()[:4]) + "\n")
    cmd = [os.path.join(REPO, "scripts", "match.sh"), "--engine", engine, "--engine-name", args.engine_name,
           "--engine-option", f"SyzygyPath={tables}", "--book", epd, "--games", str(2 * len(starts)),
           "--tc", args.tc, "--seed", str(args.seed), "--out", out] + args.rest
    print("tb-conversion: " + " ".join(cmd), file=sys.stderr)
    if subprocess.run(cmd, stdout=sys.stderr, check=False).returncode not in (0, 1):
        return 2

    tally, failures, unjudged = {}, [], 0
    for game in read_games(os.path.join(out, "games.pgn")):
        key = " ".join(game["FEN"].split()[:4])
        if key not in by_fen:
            continue
        material, strong_white, kind = by_fen[key]
        corvid_white = game.get("White") == args.engine_name
        result = game["Result"]
        score = {"1-0": 1.0, "0-1": 0.0, "1/2-1/2": 0.5}.get(result)
        if score is None:
            failures.append(f"{material} {game['FEN']}: no result ({result})")
            continue
        corvid_score = score if corvid_white else 1 - score
        if kind == "win" and corvid_white != strong_white:
            unjudged += 1  # the opponent had the won side
            continue
        row = tally.setdefault((kind, material), [0, 0, 0])
        row[{1.0: 0, 0.5: 1, 0.0: 2}[corvid_score]] += 1
        bad = corvid_score < 1 if kind == "win" else corvid_score == 0
        if bad:
            failures.append(f"{material} {kind} start, Corvid {'white' if corvid_white else 'black'}: {game['FEN']} "
                            f"{result} ({game.get('Termination', '?')})")
    print(f"Corvid with SyzygyPath={tables} at {args.tc}, games in {out}/games.pgn")
    print("| start | material | Corvid W | D | L | goal |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (kind, material), (w, d, l) in sorted(tally.items()):
        goal = "win all" if kind == "win" else "lose none"
        print(f"| {kind} | {material} | {w} | {d} | {l} | {goal} |")
    print(f"Games with the opponent on the winning side (not judged): {unjudged}")
    print(f"Games that missed the goal: {len(failures)}")
    for line in failures:
        print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
