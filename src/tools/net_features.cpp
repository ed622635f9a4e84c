#include "tools/net_features.h"

#include <iostream>

#include "nnue/half_ka_v2_hm.h"

namespace corvid::tools {

namespace {

std::string join(const std::vector<int>& values) {
  std::string s;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(values[i]);
  }
  return s;
}

std::string trimmed(const std::string& line) {
  const std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

ActiveFeatures active_features(const Position& pos) {
  ActiveFeatures f;
  f.bucket = (pos.piece_count() - 1) / 4;
  const Color us = pos.side_to_move();
  for (Color p : {us, ~us}) {
    std::vector<int>& list = p == us ? f.us : f.them;
    const Square ksq = pos.king_square(p);
    for (Bitboard b = pos.pieces(); b;) {
      const Square s = pop_lsb(b);
      list.push_back(nnue::half_ka_v2_hm::feature_index(p, ksq, pos.piece_on(s), s));
    }
  }
  return f;
}

int print_features(const nnue::FeatureSet& feature_set, std::istream& in, std::ostream& out, std::ostream& err) {
  if (feature_set != nnue::HALF_KA_V2_HM) {
    err << "corvid net features: the " << feature_set.name
        << " feature set is not supported yet (HalfKAv2_hm is)\n";
    return 1;
  }
  for (std::string line; std::getline(in, line);) {
    std::string fen = trimmed(line);
    if (fen.empty()) continue;
    if (fen == "startpos") fen = std::string(START_FEN);
    if (fen.rfind("fen ", 0) == 0) fen = fen.substr(4);
    Position pos;
    std::string error;
    if (!pos.set_fen(fen, false, &error)) {
      out << "error: " << error << "\n";
      continue;
    }
    const ActiveFeatures f = active_features(pos);
    out << f.bucket << " " << join(f.us) << " " << join(f.them) << "\n";
  }
  return 0;
}

}  // namespace corvid::tools
