#include "tools/net_features.h"

#include <iostream>

#include "nnue/full_threats.h"
#include "nnue/half_ka_v2_hm.h"

namespace corvid::tools {

namespace {

std::string join(const std::vector<int>& values) {
  if (values.empty()) return "-";
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

ActiveFeatures active_features(const Position& pos, bool with_threats) {
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
  if (!with_threats) return f;
  constexpr int CAPACITY = 512;  // far above any position's threat count, as the engine's refresh
  nnue::full_threats::Threat threats[CAPACITY];
  const int n = nnue::full_threats::all_threats(pos, threats, CAPACITY);
  for (Color p : {us, ~us}) {
    std::vector<int>& list = p == us ? f.us_threats : f.them_threats;
    const Square ksq = pos.king_square(p);
    for (int k = 0; k < n; ++k) {
      const nnue::full_threats::Threat& t = threats[k];
      const int index = nnue::full_threats::feature_index(nnue::full_threats::Generation::Sf18, p, ksq, t.attacker,
                                                            t.from, t.attacked, t.to);
      if (index != nnue::full_threats::NONE) list.push_back(index);
    }
  }
  return f;
}

int print_features(const nnue::FeatureSet& feature_set, std::istream& in, std::ostream& out, std::ostream& err) {
  const bool threats = feature_set == nnue::FULL_THREATS_HALF_KA_V2_HM;
  if (feature_set != nnue::HALF_KA_V2_HM && !threats) {
    err << "corvid net features: the " << feature_set.name
        << " feature set is not supported yet (HalfKAv2_hm and Full_Threats+HalfKAv2_hm are)\n";
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
    const ActiveFeatures f = active_features(pos, threats);
    out << f.bucket << " " << join(f.us) << " " << join(f.them);
    if (threats) out << " " << join(f.us_threats) << " " << join(f.them_threats);
    out << "\n";
  }
  return 0;
}

}  // namespace corvid::tools
