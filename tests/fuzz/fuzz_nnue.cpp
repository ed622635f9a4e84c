// Fuzz target `nnue`: the .nnue reader, the load-time overflow proof and the evaluator, for
// every net generation Corvid reads (HalfKAv2_hm; Stockfish 18's Full_Threats; Stockfish
// 19's threats + pawn pairs). The first input byte picks a mode:
// - raw: the rest of the input is a .nnue file; it must be refused cleanly (or, if read,
//   written back to the same bytes);
// - header: a well-formed header of a generation and L1 chosen by the input (its hashes
//   right or, now and then, wrong), optionally a LEB128 block header, then the rest of
//   the input as the file's body;
// - net: a random net of a generation and small L1 chosen by the input (built once per
//   process and copied), a few weights and biases overwritten with extreme values the
//   input chooses, each feature-transformer block raw or LEB128, written, read back (it
//   must read back exactly), and loaded: the overflow proof either refuses it or it is
//   evaluated on fixed positions along moves the input chooses, incrementally and from
//   scratch, through every layer stack, with the scalar kernels (where UBSan sees every
//   int32 sum) and the build's SIMD ones, which must agree.
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "chess/movegen.h"
#include "chess/position.h"
#include "fuzz_support.h"
#include "nnue/byte_io.h"
#include "nnue/evaluator.h"
#include "nnue/leb128.h"
#include "nnue/network.h"
#include "nnue/network_reader.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"
#include "nnue/score.h"
#include "search/evaluate.h"
#include "uci/eval_trace.h"

using namespace corvid;
using namespace corvid::nnue;

namespace {

// Every feature set the reader knows by hash, the evaluable ones first.
const FeatureSet& feature_set(uint32_t i) {
  const auto sets = known_feature_sets();
  return sets[i % sets.size()];
}

void append_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

// Reads bytes that may be anything. A net that is read must write back to the same bytes
// (LEB128 is strict so that it can), and load or be refused with a reason.
void read_any(std::span<const uint8_t> bytes) {
  for (const bool parse_only : {false, true}) {
    ReadResult read = read_network(bytes, ReadOptions{parse_only});
    if (!read.ok()) {
      FUZZ_CHECK(!read.error.empty(), "a refused file gave no reason");
      continue;
    }
    const std::vector<uint8_t> again = write_network(*read.network);
    FUZZ_CHECK(again.size() == bytes.size() && std::equal(again.begin(), again.end(), bytes.begin()),
               "a net read from bytes writes back to other bytes");
    std::string error;
    const std::unique_ptr<Network> net = Network::from_data(std::move(*read.network), &error);
    FUZZ_CHECK(net || !error.empty(), "a net was refused without a reason");
  }
}

// A well-formed header, then the input as the body.
void header_then_body(fuzz::Bytes& in) {
  const FeatureSet& fs = feature_set(in.u8());
  static constexpr uint32_t L1S[] = {128, 256, 160, 1024, 3072, 32, 3104, 16384};
  const uint8_t l1_choice = in.u8();
  const uint32_t l1 = l1_choice < 200 ? L1S[l1_choice % 8] : in.u16();
  Architecture arch{fs, l1};
  std::vector<uint8_t> bytes;
  append_u32(bytes, in.flag() ? in.u32() : fs.version);
  const uint8_t damage = in.u8();
  append_u32(bytes, damage == 0 ? in.u32() : arch.network_hash());
  const std::string description = in.text(40);
  append_u32(bytes, uint32_t(description.size()));
  bytes.insert(bytes.end(), description.begin(), description.end());
  append_u32(bytes, damage == 1 ? in.u32() : arch.ft_hash());
  // Now and then the first block's LEB128 header, its byte count the body's (or wrong).
  const uint8_t block = in.u8();
  const uint32_t count = block & 2 ? in.u32() : 0;
  const std::string_view body = in.rest();
  if (block & 1) {
    bytes.insert(bytes.end(), LEB128_MAGIC.begin(), LEB128_MAGIC.end());
    append_u32(bytes, block & 2 ? count : uint32_t(body.size()));
  }
  bytes.insert(bytes.end(), body.begin(), body.end());
  read_any(bytes);
}

// The base nets, one per (generation, L1), made once: random values, tamed so that the
// overflow proof accepts them (the input then makes them extreme where it likes).
NetworkData& base_net(const Architecture& arch) {
  static std::map<std::pair<uint32_t, uint32_t>, NetworkData> cache;
  const auto key = std::make_pair(arch.feature_set.hash, arch.l1);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  NetworkData net = make_random_network(arch, arch.l1 * 7 + arch.feature_set.hash);
  for (int32_t& v : net.ft.psqt_weights) v %= 20000;
  for (int32_t& v : net.ft.threat_psqt_weights) v %= 20000;
  for (LayerStackData& stack : net.stacks)
    for (AffineLayerData* layer : {&stack.fc0, &stack.fc1, &stack.fc2})
      for (int32_t& v : layer->biases) v %= 20000;
  if (arch.l1 % 128 == 0) {
    std::string error;
    FUZZ_CHECK(Network::from_data(net, &error), "the base net of " + arch.describe() + " is refused: " + error);
  }
  return cache.emplace(key, std::move(net)).first->second;
}

// A value of T's range the input picks, favouring the extremes.
template <class T>
T extreme(fuzz::Bytes& in) {
  constexpr int64_t LO = std::numeric_limits<T>::min(), HI = std::numeric_limits<T>::max();
  switch (in.u8() % 10) {
    case 0: return T(LO);
    case 1: return T(HI);
    case 2: return T(HI / 2);
    case 3: return T(LO / 2);
    case 4: return T(0);
    case 5: return T(HI / 64);
    case 6: return T(-(HI / 64));
    default: return T(int64_t(in.u64() % uint64_t(HI - LO + 1)) + LO);
  }
}

// What the mutations overwrote in a cached base net, put back when the execution ends
// (copying a base net for each execution would cost more than the rest of it).
class Undo {
 public:
  Undo() = default;
  Undo(const Undo&) = delete;
  Undo& operator=(const Undo&) = delete;
  ~Undo() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) std::memcpy(it->first, it->second.data(), it->second.size());
  }
  void save(void* at, size_t bytes) {
    const auto* p = static_cast<const uint8_t*>(at);
    saved_.emplace_back(at, std::vector<uint8_t>(p, p + bytes));
  }

 private:
  std::vector<std::pair<void*, std::vector<uint8_t>>> saved_;
};

// Overwrites one value, or a run of up to 256, of a tensor with a value the input picks.
template <class T>
void overwrite(std::span<T> values, fuzz::Bytes& in, Undo& undo) {
  if (values.empty()) return;
  const size_t at = in.u32() % values.size();
  const size_t run = std::min(in.flag() ? 1 + size_t(in.u8()) : 1, values.size() - at);
  const T v = extreme<T>(in);
  undo.save(&values[at], run * sizeof(T));
  for (size_t i = at; i < at + run; ++i) values[i] = v;
}

void mutate(NetworkData& net, fuzz::Bytes& in, Undo& undo) {
  const Architecture& arch = net.arch;
  const int count = 1 + in.u8() % 8;
  for (int k = 0; k < count; ++k) {
    const uint8_t what = in.u8();
    if (what < 96) {
      const auto blocks = ft_blocks(arch.feature_set);
      const FtBlock& block = blocks[what % blocks.size()];
      const FtTensor t = block.tensors[(what / 8) % block.count];
      std::visit([&](auto span) { overwrite(span, in, undo); }, ft_tensor(net.ft, arch, t));
    } else {
      LayerStackData& stack = net.stacks[in.u8() % net.stacks.size()];
      AffineLayerData& layer = what % 3 == 0 ? stack.fc0 : what % 3 == 1 ? stack.fc1 : stack.fc2;
      if (what & 4) overwrite(std::span(layer.biases), in, undo);
      else overwrite(std::span(layer.weights), in, undo);
    }
  }
  // Each block raw or LEB128; the large weights block (millions of values, where LEB128
  // takes most of an execution) compressed one time in eight, the others one in two.
  for (const FtBlock& block : ft_blocks(arch.feature_set))
    if (BlockStorage* storage = net.ft.storage_of(block)) {
      const bool large = block.tensors[0] == FtTensor::Weights;
      *storage = {(in.u8() & (large ? 7 : 1)) == 1 ? TensorEncoding::Leb128 : TensorEncoding::Raw, 0};
    }
}

struct Start {
  const char* fen;
  bool chess960;
};
constexpr Start STARTS[] = {
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", false},
    {"r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1", false},
    {"r3k2r/1P1p2P1/8/2pP4/5pP1/8/1p1P2p1/R3K2R w KQkq c6 0 1", false},
    {"bqnb1rkr/pp3ppp/3ppn2/2p5/5P2/P2P4/NPP1P1PP/BQ1BNRKR w HFhf - 2 9", true},
    {"8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1", false},
    {"4k3/8/8/8/8/8/8/4K2R w K - 60 80", false},
};

std::string describe(const RawEvaluation& e) {
  return std::to_string(e.bucket) + " " + std::to_string(e.psqt) + " " + std::to_string(e.positional);
}

// The position through every kernel flavour, each with its own incrementally updated
// accumulators, and every layer stack: all must agree with the scalar kernels on an
// accumulator computed from scratch.
void evaluate_everywhere(const Network& net, std::vector<AccumulatorStack>& incremental, AccumulatorStack& scratch,
                         const Position& pos) {
  const Kernels& scalar = SCALAR_KERNELS;
  scratch.reset();
  scratch.refresh_from_scratch(pos, scalar);
  const RawEvaluation reference = propagate(net, scalar, scratch, pos);
  const std::vector<const Kernels*> flavours = runnable_kernels();
  for (size_t i = 0; i < flavours.size(); ++i) {
    const RawEvaluation e = evaluate_raw(net, *flavours[i], incremental[i], pos);
    FUZZ_CHECK(describe(e) == describe(reference), std::string(flavours[i]->name) + " incremental evaluation " +
                                                       describe(e) + " differs from the scalar refresh " +
                                                       describe(reference) + " at " + pos.fen());
  }
  for (int bucket = 0; bucket < LAYER_STACKS; ++bucket) {
    const RawEvaluation ref = propagate_bucket(net, scalar, scratch, pos, bucket);
    (void)raw_to_centipawns(ref.psqt + ref.positional);
    for (const Kernels* kernels : flavours) {
      const RawEvaluation e = propagate_bucket(net, *kernels, scratch, pos, bucket);
      FUZZ_CHECK(describe(e) == describe(ref), std::string(kernels->name) + " differs from scalar in stack " +
                                                   std::to_string(bucket) + " at " + pos.fen());
    }
  }
}

// Some fixed positions, each followed along moves the input picks.
void evaluate_net(const Network& net, const Network* small, fuzz::Bytes& in) {
  std::vector<AccumulatorStack> incremental(runnable_kernels().size());
  for (AccumulatorStack& stack : incremental) stack.set_network(&net);
  AccumulatorStack scratch;
  scratch.set_network(&net);
  search::Evaluator evaluator;
  evaluator.set_networks({&net, small});
  const size_t first = in.u8() % std::size(STARTS);
  for (size_t k = 0; k < 2; ++k) {
    const Start& start = STARTS[(first + k) % std::size(STARTS)];
    Position pos;
    std::string error;
    FUZZ_CHECK(pos.set_fen(start.fen, start.chess960, &error), error);
    for (AccumulatorStack& stack : incremental) stack.reset();
    evaluator.reset();
    evaluate_everywhere(net, incremental, scratch, pos);
    (void)evaluator.evaluate(pos, SCALAR_KERNELS, int(in.u16() % 200) - 100);
    const int plies = in.u8() % 6;
    for (int ply = 0; ply < plies; ++ply) {
      MoveList moves;
      generate<LEGAL>(pos, moves);
      if (moves.empty()) break;
      const Move m = moves[int(in.u8() % moves.size())];
      for (AccumulatorStack& stack : incremental) stack.push(pos, m);
      evaluator.push(pos, m);
      pos.make_move(m);
      evaluate_everywhere(net, incremental, scratch, pos);
      (void)evaluator.evaluate(pos, SCALAR_KERNELS, int(in.u16() % 200) - 100);
    }
    (void)eval_trace({&net, small}, pos);
  }
}

void random_net(fuzz::Bytes& in) {
  // Mostly HalfKAv2_hm (cheap); the threat generations are two to three times slower.
  const uint8_t g = in.u8();
  const FeatureSet& fs = g % 16 < 12 ? HALF_KA_V2_HM : g % 16 < 15 ? THREATS_PP_HALF_KA_V2_HM : FULL_THREATS_HALF_KA_V2_HM;
  // L1=160 is read but not evaluated (the evaluator wants steps of 128).
  const uint8_t l = in.u8();
  const uint32_t l1 = fs.threat_inputs == 0 && l % 8 == 0 ? (l & 8 ? 160 : 256) : 128;
  const Architecture arch{fs, l1};
  NetworkData& net = base_net(arch);
  Undo undo;
  mutate(net, in, undo);

  const std::vector<uint8_t> bytes = write_network(net);
  ReadResult read = read_network(bytes);
  FUZZ_CHECK(read.ok(), "a written " + arch.describe() + " net does not read back: " + read.error);
  FUZZ_CHECK(same_contents(*read.network, net), "a written " + arch.describe() + " net reads back different");
  for (const FtBlock& block : ft_blocks(arch.feature_set))
    if (const BlockStorage* storage = net.ft.storage_of(block))
      FUZZ_CHECK(read.network->ft.storage_of(block)->encoding == storage->encoding,
                 "a block's encoding reads back different");

  std::string error;
  const std::unique_ptr<Network> loaded = Network::from_data(std::move(*read.network), &error);
  if (!loaded) {
    FUZZ_CHECK(!error.empty(), "a net was refused without a reason");
    return;
  }
  // Stockfish 18's big net is paired with a small HalfKAv2_hm one.
  const Network* small = nullptr;
  if (fs == FULL_THREATS_HALF_KA_V2_HM) {
    static const std::unique_ptr<Network> small_net =
        Network::from_data(base_net(Architecture{HALF_KA_V2_HM, 128}), &error);
    FUZZ_CHECK(small_net, error);
    small = small_net.get();
  }
  evaluate_net(*loaded, small, in);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  chess::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > (1 << 20)) return 0;
  fuzz::Bytes in(data + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      const std::string_view rest = in.rest();
      read_any(std::span(reinterpret_cast<const uint8_t*>(rest.data()), rest.size()));
      break;
    }
    case 1: header_then_body(in); break;
    default: random_net(in);
  }
  return 0;
}
