#include "chess/attacks_magic.h"

#include <vector>

namespace corvid::magic {

Entry entries[2][64];

namespace {

// Magics found once by the search below (seeded as it is) and kept, so start-up only
// verifies them; a failed verification falls back to searching.
constexpr Bitboard KNOWN_MAGICS[2][64] = {
  {
    0x10102002004a1420ULL, 0x4020220401002250ULL, 0x401001484108b002ULL, 0x2804104a00002404ULL,
    0x0044050401c02206ULL, 0x00048804c1000000ULL, 0x0010841009048820ULL, 0x0100120210020898ULL,
    0x0220050808180080ULL, 0x0000180911040111ULL, 0x4904220081020000ULL, 0x00c00404108022a0ULL,
    0x9080084840804080ULL, 0x0000610120101800ULL, 0x4008184814042204ULL, 0x000a188208014480ULL,
    0x0230002420120444ULL, 0x05100044500a2060ULL, 0x1881006802022a00ULL, 0x10142042020200b0ULL,
    0x0223000490400084ULL, 0x8243400808021008ULL, 0x40040c009e011004ULL, 0x010a00c50080c428ULL,
    0x1404900020031002ULL, 0x00022040101406b0ULL, 0x00281800010200a0ULL, 0x0009040000440080ULL,
    0x0002040006008222ULL, 0x003c51000203010aULL, 0x8498088001008804ULL, 0x04c22200048c4101ULL,
    0x0802309000052002ULL, 0x4018082401030408ULL, 0x8820c50248100400ULL, 0x8009020080080080ULL,
    0x4040050200090048ULL, 0x1008080020811004ULL, 0x2001061280021829ULL, 0x0004044202029084ULL,
    0x00c0a20821404000ULL, 0x0446025004404209ULL, 0x0810082808018400ULL, 0x4030045144000800ULL,
    0x8070040408200400ULL, 0x0021020881000600ULL, 0x5c04012404114100ULL, 0x4088184042438084ULL,
    0x2021480411580200ULL, 0x0202012101102000ULL, 0x3001102084101402ULL, 0x0881020084045100ULL,
    0x0020001002022044ULL, 0x18402114505c8200ULL, 0x8004100218431000ULL, 0x0010100327006100ULL,
    0x0008220510280208ULL, 0x0420260212024204ULL, 0x0010002044022100ULL, 0x0003910220840448ULL,
    0x0001080006104400ULL, 0x0082c84084080082ULL, 0x0200108c48880540ULL, 0x0051011004008024ULL,
  },
  {
    0x4080002010400081ULL, 0x8040001000200044ULL, 0x02000a024090a080ULL, 0x0200042012004008ULL,
    0x1001002010408008ULL, 0x0100040002010008ULL, 0x020000a408410200ULL, 0x0a80004225000180ULL,
    0x1100802080004001ULL, 0x0002804002200080ULL, 0x2008801000882000ULL, 0x4000801000080080ULL,
    0x2c01001004080101ULL, 0x3002000802001004ULL, 0x1a00800100800200ULL, 0x1402000100462494ULL,
    0x2040808000400024ULL, 0x0040006000681000ULL, 0x0680410015042000ULL, 0x013465001000c900ULL,
    0x2022020008100420ULL, 0x0004808002000400ULL, 0x0000040008c20130ULL, 0x8010060018418403ULL,
    0x4200401480002080ULL, 0x0820002040005001ULL, 0x0000100880200080ULL, 0x0040100080080084ULL,
    0x0204080080040080ULL, 0x4c02002200102904ULL, 0x0000218400180250ULL, 0x022020420000841bULL,
    0x0440204000801080ULL, 0x0040002000808040ULL, 0x0000220082004011ULL, 0x0001002009001000ULL,
    0x0824000800800481ULL, 0x0088020080800400ULL, 0x0000820804000110ULL, 0x1008800040800100ULL,
    0x0000400080208000ULL, 0x080050002000c001ULL, 0x040040802a020011ULL, 0x010022004012000aULL,
    0xd540040008008080ULL, 0x400a040002008080ULL, 0x0145000200010004ULL, 0x0140008051020004ULL,
    0x0001002040800100ULL, 0x0280400031088500ULL, 0x02a0001820410100ULL, 0x21100400c0880140ULL,
    0x2002080004008280ULL, 0x400c000200048080ULL, 0x0120080210010400ULL, 0x5064004524048200ULL,
    0x088100a011408606ULL, 0x000c220040910282ULL, 0x0003082000d10041ULL, 0x0282002850a04016ULL,
    0x1002000408e05002ULL, 0x0402000401081002ULL, 0x00062a0090192804ULL, 0x4824202085044412ULL,
  },
};

Bitboard rook_table[0x19000];   // 102400: the sum of 2^bits over all squares
Bitboard bishop_table[0x1480];  // 5248

// xorshift64*: small, fast and good enough to find magics.
class Prng {
 public:
  explicit Prng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 2685821657736338717ULL;
  }
  uint64_t sparse() { return next() & next() & next(); }

 private:
  uint64_t state_;
};

void init_slider(Slider slider, Bitboard* table) {
  std::vector<Bitboard> occupancies(4096), references(4096);
  std::vector<int> epoch(4096, 0);
  int attempt = 0;
  Bitboard* next_table = table;
  for (Square s = SQ_A1; s < SQUARE_NB; ++s) {
    Entry& e = entries[slider][s];
    e.mask = relevant_occupancy_mask(slider, s);
    e.shift = 64 - popcount(e.mask);
    e.attacks = next_table;

    // Carry-Rippler enumeration of every subset of the mask.
    size_t size = 0;
    Bitboard b = 0;
    do {
      occupancies[size] = b;
      references[size] = ray_attacks(slider, s, b);
      ++size;
      b = (b - e.mask) & e.mask;
    } while (b);

    Prng prng(0x9E3779B97F4A7C15ULL ^ (uint64_t(s) * 0x2545F4914F6CDD1DULL) ^ slider);
    Bitboard* slots = next_table;
    bool first_try = true;
    for (bool found = false; !found;) {
      if (first_try) e.magic = KNOWN_MAGICS[slider][s];
      else
        do e.magic = prng.sparse();
        while (popcount((e.mask * e.magic) >> 56) < 6);
      first_try = false;
      ++attempt;
      found = true;
      for (size_t i = 0; i < size; ++i) {
        const unsigned idx = e.index(occupancies[i]);
        if (epoch[idx] < attempt) {
          epoch[idx] = attempt;
          slots[idx] = references[i];
        } else if (slots[idx] != references[i]) {
          found = false;
          break;
        }
      }
    }
    next_table += size;
  }
}

}  // namespace

void init() {
  init_slider(BISHOP_SLIDER, bishop_table);
  init_slider(ROOK_SLIDER, rook_table);
}

}  // namespace corvid::magic
