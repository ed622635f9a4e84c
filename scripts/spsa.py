#!/usr/bin/env python3
"""SPSA tuning of Corvid's search tunables with fastchess, resumable across sessions.

Each iteration draws a random sign (+1/-1) per tuned parameter, plays the tuning build with
every parameter moved one step c_k that way ("plus") against the same build moved the other
way ("minus"), in game pairs from the opening book with colours reversed, and moves each
parameter by a_k / c_k * (wins - losses of plus) * its sign: the gradient estimate of
simultaneous-perturbation stochastic approximation, with the gain schedule OpenBench uses
(c_k = c / k^0.101, a_k = a / (A + k)^0.602, chosen so that at the last planned iteration
c_k is the table's step and a_k / c_k is r_end times the step).

Ranges, defaults and steps come from the one table of tunables, src/search/tunables.h.
The state (values, iteration, games, every iteration's signs and result) is a JSON file:
run again with the same --state to go on where the last run stopped (Ctrl-C or --minutes
ends a run between iterations; an interrupted iteration is not counted).

The tuning build: `make TUNE=1` (build-native-tune/corvid), which declares each tunable as
a UCI spin option.
"""

import argparse
import json
import math
import os
import random
import re
import shlex
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TUNABLES_H = os.path.join(REPO, "src", "search", "tunables.h")
ALPHA, GAMMA = 0.602, 0.101  # Spall's recommended exponents (OpenBench's too)


def die(message):
    print(f"spsa.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_table(path=TUNABLES_H):
    """name -> (default, min, max, step), from the X(name, default, min, max, step) lines."""
    entry = re.compile(r"^\s*X\((\w+),\s*(-?\d+),\s*(-?\d+),\s*(-?\d+),\s*(\d+)\)")
    table = {}
    with open(path) as f:
        for line in f:
            m = entry.match(line)
            if m:
                table[m.group(1)] = tuple(int(v) for v in m.groups()[1:])
    if not table:
        die(f"no tunables found in {path}")
    return table


def new_state(args, table):
    names = [n.strip() for n in args.params.split(",") if n.strip()]
    unknown = [n for n in names if n not in table]
    if unknown:
        die(f"unknown tunable(s): {', '.join(unknown)} (see {os.path.relpath(TUNABLES_H, REPO)})")
    if len(set(names)) != len(names):
        die("--params names a tunable twice")
    n = args.iterations
    big_a = 0.1 * n
    params = {}
    for name in names:
        default, lo, hi, step = table[name]
        c_end = step
        params[name] = {
            "value": float(default), "default": default, "min": lo, "max": hi,
            "c": c_end * n ** GAMMA,
            "a": args.r_end * c_end ** 2 * (big_a + n) ** ALPHA,
        }
    return {
        "planned_iterations": n, "A": big_a, "r_end": args.r_end, "tc": args.tc,
        "pairs_per_iteration": args.pairs, "book": args.book,
        "iteration": 0, "games": 0, "wins": 0, "losses": 0, "draws": 0,
        "params": params, "log": [],
    }


def gains(state, param, k):
    """c_k and a_k of iteration k (1-based)."""
    c_k = param["c"] / k ** GAMMA
    a_k = param["a"] / (state["A"] + k) ** ALPHA
    return c_k, a_k


def perturbed(state, signs, k):
    """The plus and minus values (integers inside the range) of iteration k."""
    plus, minus = {}, {}
    for name, p in state["params"].items():
        c_k, _ = gains(state, p, k)
        for side, sign in ((plus, 1), (minus, -1)):
            v = p["value"] + sign * signs[name] * c_k
            side[name] = int(round(min(max(v, p["min"]), p["max"])))
    return plus, minus


def runner_command(args, state, plus, minus, pgn):
    def engine(name, values):
        return ["-engine", f"cmd={args.engine}", f"name={name}"] + [f"option.{n}={v}" for n, v in values.items()]

    return ([args.fastchess] + engine("plus", plus) + engine("minus", minus) +
            ["-each", f"tc={state['tc']}", "option.Threads=1", f"option.Hash={args.hash}",
             "-openings", f"file={state['book']}", "format=epd", "order=random",
             "-srand", str(random.randrange(1, 2 ** 31)),
             "-rounds", str(state["pairs_per_iteration"]), "-games", "2", "-repeat",
             "-concurrency", str(args.concurrency), "-recover",
             "-pgnout", f"file={pgn}", "append=true"])


RESULT = re.compile(r"Games: (\d+), Wins: (\d+), Losses: (\d+), Draws: (\d+)")


def play(command):
    """(wins, losses, draws) of the first engine, from fastchess's last standings."""
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    found = RESULT.findall(proc.stdout)
    if proc.returncode != 0 or not found:
        tail = "\n".join(proc.stdout.splitlines()[-15:])
        die(f"the runner failed (status {proc.returncode}); its last lines:\n{tail}")
    games, wins, losses, draws = (int(v) for v in found[-1])
    if games != wins + losses + draws:
        die(f"the runner's standings do not add up: {found[-1]}")
    return wins, losses, draws


def step(state, signs, k, wins, losses):
    """Moves every parameter by the iteration's result (from plus's side)."""
    for name, p in state["params"].items():
        c_k, a_k = gains(state, p, k)
        v = p["value"] + a_k / c_k * (wins - losses) * signs[name]
        p["value"] = min(max(v, p["min"]), p["max"])


def save(state, path):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)  # a run killed while writing leaves the old state whole


def report(state):
    print(f"after {state['iteration']} of {state['planned_iterations']} planned iterations, "
          f"{state['games']} games (plus +{state['wins']} ={state['draws']} -{state['losses']}):")
    width = max(len(n) for n in state["params"])
    for name, p in state["params"].items():
        print(f"  {name:<{width}}  {p['value']:9.2f}  (default {p['default']}, "
              f"now {int(round(p['value']))}; range {p['min']}..{p['max']})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--state", required=True, help="JSON state file: created, or resumed when it exists")
    ap.add_argument("--params", help="tunables to tune, comma-separated (a new state only)")
    ap.add_argument("--iterations", type=int, default=2000, help="planned iterations, for the gains (new state)")
    ap.add_argument("--pairs", type=int, default=2, help="game pairs per iteration (new state; default 2)")
    ap.add_argument("--r-end", type=float, default=0.002, help="a_k/c_k at the end, in steps per won pair (new state)")
    ap.add_argument("--tc", default="5+0.05", help="time control (new state; default 5+0.05)")
    ap.add_argument("--book", default=os.path.join(REPO, "scripts", "books", "openings-8ply.epd"),
                    help="EPD openings (new state)")
    ap.add_argument("--engine", default=os.path.join(REPO, "build-native-tune", "corvid"),
                    help="the tuning build (default: build-native-tune/corvid, from `make TUNE=1`)")
    ap.add_argument("--fastchess", default=os.environ.get("FASTCHESS", "fastchess"))
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--hash", type=int, default=16)
    ap.add_argument("--minutes", type=float, default=0, help="stop after the iteration that passes this many minutes")
    ap.add_argument("--max-iterations", type=int, default=0, help="stop after this many iterations in this run")
    ap.add_argument("--seed", type=int, help="seed for the signs (default: random)")
    ap.add_argument("--pgn", help="games file, appended to (default: the state's name with .pgn)")
    ap.add_argument("--dry-run", action="store_true", help="print the plan and the first runner command; play nothing")
    args = ap.parse_args()

    random.seed(args.seed)
    if os.path.exists(args.state):
        with open(args.state) as f:
            state = json.load(f)
        if args.params:
            print(f"spsa.py: resuming {args.state}; --params and the other new-state options are ignored",
                  file=sys.stderr)
    else:
        if not args.params:
            die("a new state needs --params")
        if args.iterations < 1 or args.pairs < 1 or args.r_end <= 0:
            die("--iterations and --pairs must be at least 1, --r-end above 0")
        if not os.path.isfile(args.book):
            die(f"no opening book at {args.book}")
        state = new_state(args, read_table())
    if not args.dry_run and not os.access(args.engine, os.X_OK):
        die(f"no tuning build at {args.engine} (make TUNE=1)")

    report(state)
    pgn = args.pgn or os.path.splitext(args.state)[0] + ".pgn"
    start = time.monotonic()
    done = 0
    try:
        while True:
            k = state["iteration"] + 1
            signs = {name: random.choice((-1, 1)) for name in state["params"]}
            plus, minus = perturbed(state, signs, k)
            command = runner_command(args, state, plus, minus, pgn)
            if args.dry_run:
                print("command:", " ".join(shlex.quote(c) for c in command))
                return
            wins, losses, draws = play(command)
            step(state, signs, k, wins, losses)
            state["iteration"] = k
            state["games"] += wins + losses + draws
            state["wins"] += wins
            state["losses"] += losses
            state["draws"] += draws
            state["log"].append({"k": k, "signs": signs, "plus": plus, "minus": minus,
                                 "w": wins, "l": losses, "d": draws})
            save(state, args.state)
            done += 1
            print(f"iteration {k}: plus {wins}-{losses}-{draws}", flush=True)
            if args.max_iterations and done >= args.max_iterations:
                break
            if args.minutes and time.monotonic() - start >= args.minutes * 60:
                break
    except KeyboardInterrupt:
        print("\nspsa.py: interrupted; the state holds the iterations finished", file=sys.stderr)
    report(state)


if __name__ == "__main__":
    main()
