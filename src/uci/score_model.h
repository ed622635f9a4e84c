// How search scores are shown to users. Internal units are the net's output divided by
// OUTPUT_SCALE; UCI centipawns rescale them so that +100 cp is a 50% chance of winning
// (Stockfish 15.1's fit for these nets: 361 internal units). The win/draw/loss model is
// ours: a logistic curve in those centipawns, P(win) = 1 / (1 + exp(-(cp - 100) / 30)),
// and P(loss) the same from the other side, so +100 cp is exactly 50% to win, 0 cp is
// 3.4% win / 93.2% draw / 3.4% loss, and the draw share is what is left.
#pragma once

#include <string>

namespace corvid::uci {

struct Wdl {
  int win = 0, draw = 0, loss = 0;  // per mille, summing to 1000
};

int to_centipawns(int value);
Wdl wdl_of(int value);
// "cp 35" or "mate 3" / "mate -2" (moves, not plies).
std::string uci_score(int value);

}  // namespace corvid::uci
