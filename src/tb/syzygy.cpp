#include "tb/syzygy.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <tbprobe.h>

#include "chess/movegen.h"
#include "util/paths.h"

namespace corvid::tb {

namespace {

#ifdef _WIN32
constexpr char PATH_SEPARATOR = ';';
#else
constexpr char PATH_SEPARATOR = ':';
#endif

// Facts of the Syzygy format: each file starts with a four-byte magic, and its size is
// 16 modulo 64 (the tables are padded to 64 bytes, then a 16-byte checksum follows).
constexpr std::array<unsigned char, 4> WDL_MAGIC = {0x71, 0xE8, 0x23, 0x5D};
constexpr std::array<unsigned char, 4> DTZ_MAGIC = {0xD7, 0x66, 0x0C, 0xA5};

int loaded_largest = 0;
std::atomic<uint64_t> hit_count{0};
// Every call into fathom holds this. A probe may map and decode its table the first time
// it is needed, and fathom guards that with a lock only when built with one: Debian's
// libfathom (1.0+git.20190811) is built without (it imports no pthread or mutex symbol),
// so two search threads probing an unread table at once corrupted it and crashed (a
// soak match with Threads=2 and SyzygyPath: 1 crash in 380 games; two threads searching
// positions a few captures from the tables: a crash within the first 40 searches).
std::mutex fathom_mutex;
std::string loaded_path = "<empty>";  // what fathom was last given

// Empty when the file looks whole, else why not.
std::string file_problem(const std::filesystem::path& file, bool wdl) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return "cannot be read";
  if (size % 64 != 16) return "is truncated or corrupt (size " + std::to_string(size) + ")";
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 4> magic{};
  in.read(reinterpret_cast<char*>(magic.data()), 4);
  if (!in || magic != (wdl ? WDL_MAGIC : DTZ_MAGIC)) return "is not a Syzygy table (wrong magic bytes)";
  return {};
}

struct Boards {
  uint64_t white, black, kings, queens, rooks, bishops, knights, pawns;
  unsigned ep;
  bool white_to_move;
};

Boards boards_of(const Position& pos) {
  const Square ep = pos.en_passant_square();
  return {pos.pieces(WHITE),        pos.pieces(BLACK),  pos.pieces(KING),   pos.pieces(QUEEN),
          pos.pieces(ROOK),         pos.pieces(BISHOP), pos.pieces(KNIGHT), pos.pieces(PAWN),
          ep == SQ_NONE ? 0u : unsigned(ep), pos.side_to_move() == WHITE};
}

bool probeable(const Position& pos) {
  return loaded_largest > 0 && pos.castling_rights() == 0 && pos.piece_count() <= loaded_largest;
}

int signed_dtz(Wdl wdl, unsigned dtz) {
  if (wdl == Wdl::Win || wdl == Wdl::CursedWin) return int(dtz);
  if (wdl == Wdl::Loss || wdl == Wdl::BlessedLoss) return -int(dtz);
  return 0;
}

PieceType promotion_of(unsigned promotes) {
  switch (promotes) {
    case TB_PROMOTES_QUEEN: return QUEEN;
    case TB_PROMOTES_ROOK: return ROOK;
    case TB_PROMOTES_BISHOP: return BISHOP;
    case TB_PROMOTES_KNIGHT: return KNIGHT;
    default: return NO_PIECE_TYPE;
  }
}

}  // namespace

const char* wdl_name(Wdl wdl) {
  switch (wdl) {
    case Wdl::Loss: return "loss";
    case Wdl::BlessedLoss: return "blessed-loss";
    case Wdl::Draw: return "draw";
    case Wdl::CursedWin: return "cursed-win";
    case Wdl::Win: return "win";
  }
  return "?";
}

LoadReport load(const std::string& paths) {
  namespace fs = std::filesystem;
  LoadReport report;
  std::string usable;
  size_t start = 0;
  while (start <= paths.size()) {
    size_t end = paths.find(PATH_SEPARATOR, start);
    if (end == std::string::npos) end = paths.size();
    const std::string folder = paths.substr(start, end - start);
    start = end + 1;
    if (folder.empty() || folder == "<empty>") continue;
    std::string tried;
    const std::string resolved = resolve_user_path(folder, &tried);
    std::error_code ec;
    if (!fs::exists(resolved, ec)) {
      report.problems.push_back("SyzygyPath: folder '" + folder + "' not found (tried " + tried + ")");
      continue;
    }
    if (!fs::is_directory(resolved, ec)) {
      report.problems.push_back("SyzygyPath: '" + resolved + "' is not a folder");
      continue;
    }
    int here = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(resolved, ec)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".rtbw" && ext != ".rtbz") continue;
      ++here;
      if (const std::string problem = file_problem(entry.path(), ext == ".rtbw"); !problem.empty())
        report.problems.push_back("SyzygyPath: " + entry.path().string() + " " + problem + "; not used");
    }
    if (here == 0) report.problems.push_back("SyzygyPath: no Syzygy tables (.rtbw, .rtbz) in '" + resolved + "'");
    report.files += here;
    usable += (usable.empty() ? "" : std::string(1, PATH_SEPARATOR)) + fs::absolute(resolved, ec).string();
  }
  // fathom frees what it had whatever the path; "<empty>" is its name for none. The same
  // folders again (match runners send SyzygyPath before every game) keep what is loaded:
  // a reload unmaps every table read so far, and Debian's libfathom reports each unmap
  // as a "munmap:" error on stderr although it succeeded.
  const std::string fathom_path = usable.empty() ? std::string("<empty>") : usable;
  std::lock_guard<std::mutex> lock(fathom_mutex);
  if (fathom_path == loaded_path) {
    report.largest = loaded_largest;
    return report;
  }
  const bool loaded = tb_init(fathom_path.c_str());
  if (!loaded) report.problems.push_back("SyzygyPath: the tables could not be loaded");
  loaded_path = loaded ? fathom_path : std::string();  // after a failure the next try loads again
  std::fflush(stdout);  // fathom prints its own complaints with printf
  loaded_largest = usable.empty() ? 0 : int(TB_LARGEST);
  report.largest = loaded_largest;
  return report;
}

int largest() { return loaded_largest; }

std::optional<Wdl> probe_wdl(const Position& pos) {
  if (!probeable(pos)) return std::nullopt;
  const Boards b = boards_of(pos);
  std::unique_lock<std::mutex> lock(fathom_mutex);
  const unsigned r = tb_probe_wdl(b.white, b.black, b.kings, b.queens, b.rooks, b.bishops, b.knights, b.pawns, 0, 0,
                                  b.ep, b.white_to_move);
  lock.unlock();
  if (r == TB_RESULT_FAILED) return std::nullopt;
  hit_count.fetch_add(1, std::memory_order_relaxed);
  return Wdl(r);
}

std::optional<RootProbe> probe_root(const Position& pos) {
  if (!probeable(pos)) return std::nullopt;
  const Boards b = boards_of(pos);
  std::vector<unsigned> results(TB_MAX_MOVES + 1, TB_RESULT_FAILED);
  std::unique_lock<std::mutex> lock(fathom_mutex);
  const unsigned r = tb_probe_root(b.white, b.black, b.kings, b.queens, b.rooks, b.bishops, b.knights, b.pawns,
                                   unsigned(pos.rule50()), 0, b.ep, b.white_to_move, results.data());
  lock.unlock();
  if (r == TB_RESULT_FAILED) return std::nullopt;
  RootProbe probe;
  if (r == TB_RESULT_CHECKMATE) return RootProbe{Wdl::Loss, 0, {}};
  if (r == TB_RESULT_STALEMATE) return RootProbe{Wdl::Draw, 0, {}};
  probe.wdl = Wdl(TB_GET_WDL(r));
  probe.dtz = signed_dtz(probe.wdl, TB_GET_DTZ(r));

  MoveList legal;
  generate<LEGAL>(pos, legal);
  for (size_t i = 0; i < results.size() && results[i] != TB_RESULT_FAILED; ++i) {
    const unsigned res = results[i];
    const Square from = Square(TB_GET_FROM(res)), to = Square(TB_GET_TO(res));
    const PieceType promo = promotion_of(TB_GET_PROMOTES(res));
    for (Move m : legal) {
      const bool is_promo = m.kind() == PROMOTION;
      if (m.from() == from && m.to() == to && (is_promo ? m.promotion() == promo : promo == NO_PIECE_TYPE)) {
        const Wdl w = Wdl(TB_GET_WDL(res));
        probe.moves.push_back({m, w, signed_dtz(w, TB_GET_DTZ(res))});
      }
    }
  }
  if (probe.moves.size() != size_t(legal.size())) return std::nullopt;  // a move the tables could not rate
  hit_count.fetch_add(1, std::memory_order_relaxed);
  return probe;
}

std::vector<Move> best_root_moves(const RootProbe& probe, bool fifty_move_rule) {
  const auto rank = [&](Wdl w) {
    if (!fifty_move_rule && w == Wdl::CursedWin) return int(Wdl::Win);
    if (!fifty_move_rule && w == Wdl::BlessedLoss) return int(Wdl::Loss);
    return int(w);
  };
  int best = -1;
  for (const RootMoveResult& m : probe.moves) best = std::max(best, rank(m.wdl));
  // dtz is counted from the root's side: winning moves have it positive (fewer plies to
  // a zeroing move is faster), losing ones negative (more negative holds out longer), so
  // the smallest is the best in both cases.
  int best_dtz = INT32_MAX;
  for (const RootMoveResult& m : probe.moves)
    if (rank(m.wdl) == best) best_dtz = std::min(best_dtz, m.dtz);
  std::vector<Move> moves;
  for (const RootMoveResult& m : probe.moves)
    if (rank(m.wdl) == best && (best == int(Wdl::Draw) || m.dtz == best_dtz)) moves.push_back(m.move);
  return moves;
}

uint64_t hits() { return hit_count.load(std::memory_order_relaxed); }
void reset_hits() { hit_count.store(0, std::memory_order_relaxed); }

}  // namespace corvid::tb
