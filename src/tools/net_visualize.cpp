#include "tools/net_visualize.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>

#include "tools/bitmap_font.h"
#include "tools/png_writer.h"
#include "tools/progress.h"
#include "tools/tensor_stats.h"

namespace corvid::tools {

namespace {

constexpr int PLANES = 11;
constexpr int KING_BUCKETS = 32;
constexpr int SQUARES = 64;
constexpr int PLANE_STRIDE = SQUARES;
constexpr int BUCKET_STRIDE = PLANES * SQUARES;  // HalfKAv2_hm: (sq ^ orient) + 64 * plane + 704 * bucket

const Rgb BACKGROUND{255, 255, 255};
const Rgb INK{20, 20, 20};
const Rgb SOFT_INK{90, 90, 90};
const Rgb FRAME{150, 150, 150};
const Rgb IMPOSSIBLE{200, 200, 200};  // squares no feature can use (pawns on ranks 1 and 8)
const Rgb BAR{49, 99, 160};

// Diverging scale: blue for negative, white for zero, red for positive; t in [-1, 1].
Rgb diverging(double t) {
  t = std::clamp(t, -1.0, 1.0);
  const Rgb zero{247, 247, 247}, negative{33, 102, 172}, positive{178, 24, 43};
  const Rgb end = t < 0 ? negative : positive;
  const double a = std::abs(t);
  const auto mix = [&](uint8_t from, uint8_t to) { return uint8_t(std::lround(from + (to - from) * a)); };
  return {mix(zero.r, end.r), mix(zero.g, end.g), mix(zero.b, end.b)};
}

std::string fixed(double v, int precision) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", precision, v);
  return buf;
}

std::string compact(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return std::to_string(int64_t(v));
  return fixed(v, std::abs(v) < 10 ? 2 : 1);
}

// "K H8": where the own king stands for a bucket, in the perspective's mirrored frame
// (king on files e-h, own side at the bottom).
std::string king_bucket_label(int bucket) {
  std::string s = "K ";
  s += char('h' - bucket % 4);
  s += char('8' - bucket / 4);
  return s;
}

// One grid of boards: rows (king buckets or PSQT buckets) x the 11 piece planes.
struct BoardGrid {
  std::string title;
  std::string subtitle;
  std::vector<int> rows;
  std::function<std::string(int)> row_label;
  std::function<double(int row, int plane, int square)> value;  // square: a1 = 0 ... h8 = 63
  double saturate_percentile = 99;
};

bool impossible_square(int plane, int square) {
  const int rank = square / 8;
  return plane < 2 && (rank == 0 || rank == 7);  // pawn planes
}

double saturation_scale(const BoardGrid& grid) {
  std::vector<double> magnitudes;
  magnitudes.reserve(grid.rows.size() * PLANES * SQUARES);
  for (int row : grid.rows)
    for (int plane = 0; plane < PLANES; ++plane)
      for (int sq = 0; sq < SQUARES; ++sq)
        if (!impossible_square(plane, sq)) magnitudes.push_back(std::abs(grid.value(row, plane, sq)));
  if (magnitudes.empty()) return 1;
  const std::size_t k = std::min(magnitudes.size() - 1,
                                 std::size_t(double(magnitudes.size() - 1) * grid.saturate_percentile / 100.0));
  std::nth_element(magnitudes.begin(), magnitudes.begin() + k, magnitudes.end());
  const double scale = magnitudes[k];
  return scale > 0 ? scale : 1;
}

void draw_centered(Image& img, int center_x, int y, const std::string& text, Rgb colour, int scale = 1) {
  draw_text(img, center_x - text_width(text, scale) / 2, y, text, colour, scale);
}

// A horizontal colour bar from -scale to +scale with its end and middle values.
int draw_legend(Image& img, int x, int y, double scale, const std::string& note) {
  const int width = 256, height = 12;
  for (int i = 0; i < width; ++i) {
    const Rgb c = diverging(2.0 * (i + 0.5) / width - 1.0);
    img.fill_rect(x + i, y, 1, height, c);
  }
  img.frame_rect(x - 1, y - 1, width + 2, height + 2, FRAME);
  const int label_y = y + height + 4;
  // Appending, not "-" + string: GCC 12 warns falsely (-Wrestrict) about the latter.
  const std::string low = std::string("-").append(compact(scale));
  const std::string high = std::string("+").append(compact(scale));
  draw_text(img, x, label_y, low, INK);
  draw_centered(img, x + width / 2, label_y, "0", INK);
  draw_text(img, x + width - text_width(high), label_y, high, INK);
  draw_text(img, x + width + 12, y + 3, note, SOFT_INK);
  return label_y + GLYPH_HEIGHT;
}

Image render_board_grid(const BoardGrid& grid, int cell) {
  const int board = 8 * cell;
  const int gap = std::max(6, cell + 2);
  const int pitch = board + gap;
  const int left = 12 + text_width("K H8 ") + 8;
  const int title_h = 14 + 4 + GLYPH_HEIGHT + 10;
  const int header_h = 2 * (GLYPH_HEIGHT + 4) + 4;
  const int top = 10 + title_h + header_h;
  const int grid_w = PLANES * pitch - gap;
  const int grid_h = int(grid.rows.size()) * pitch - gap;
  const int legend_h = 70;
  const int width = std::max({left + grid_w + 12, 560, 12 + text_width(grid.subtitle) + 12,
                              12 + text_width(grid.title, 2) + 12});
  const int height = top + grid_h + legend_h;
  Image img(width, height, BACKGROUND);

  draw_text(img, 12, 10, grid.title, INK, 2);
  draw_text(img, 12, 10 + 14 + 4, grid.subtitle, SOFT_INK);

  static const char* PIECES[] = {"PAWN", "KNIGHT", "BISHOP", "ROOK", "QUEEN"};
  const int header_y = 10 + title_h;
  for (int p = 0; p < 5; ++p) draw_centered(img, left + 2 * p * pitch + pitch - gap / 2, header_y, PIECES[p], INK);
  draw_centered(img, left + 10 * pitch + board / 2, header_y, "KINGS", INK);
  for (int plane = 0; plane < PLANES; ++plane)
    draw_centered(img, left + plane * pitch + board / 2, header_y + GLYPH_HEIGHT + 4,
                  plane == 10 ? "BOTH" : plane % 2 ? "THEIR" : "OWN", SOFT_INK);

  const double scale = saturation_scale(grid);
  for (std::size_t r = 0; r < grid.rows.size(); ++r) {
    const int row = grid.rows[r];
    const int y0 = top + int(r) * pitch;
    draw_text(img, 12, y0 + board / 2 - GLYPH_HEIGHT / 2, grid.row_label(row), INK);
    for (int plane = 0; plane < PLANES; ++plane) {
      const int x0 = left + plane * pitch;
      for (int sq = 0; sq < SQUARES; ++sq) {
        const int file = sq % 8, rank = sq / 8;
        const Rgb c = impossible_square(plane, sq) ? IMPOSSIBLE : diverging(grid.value(row, plane, sq) / scale);
        img.fill_rect(x0 + file * cell, y0 + (7 - rank) * cell, cell, cell, c);
      }
      img.frame_rect(x0 - 1, y0 - 1, board + 2, board + 2, FRAME);
    }
  }
  const int legend_y = top + grid_h + 14;
  const int below = draw_legend(img, left, legend_y,  scale,
                                "SATURATES AT THE " + compact(grid.saturate_percentile) + "TH PERCENTILE OF |W|");
  draw_text(img, 12, below + 8, "BOARDS AS THE OWN SIDE SEES THEM: OWN SIDE AT THE BOTTOM, OWN KING MIRRORED TO FILES E-H.",
            SOFT_INK);
  draw_text(img, 12, below + 8 + GLYPH_HEIGHT + 4, "GREY: SQUARES NO PAWN CAN STAND ON.", SOFT_INK);
  return img;
}

struct HistogramPanel {
  const TensorView* tensor = nullptr;
  TensorStats stats;
  Histogram histogram;
};

constexpr int PANEL_W = 420, PANEL_H = 190, PLOT_W = 384, PLOT_H = 110;

void draw_histogram_panel(Image& img, int x, int y, const HistogramPanel& panel) {
  const TensorView& t = *panel.tensor;
  const TensorStats& s = panel.stats;
  draw_text(img, x, y, t.name + "  " + t.dtype() + t.shape_text(), INK);
  const Histogram& h = panel.histogram;
  const std::vector<uint64_t>& counts = h.counts;
  const uint64_t max_count = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  draw_text(img, x, y + GLYPH_HEIGHT + 4,
            "MIN " + std::to_string(s.min) + "  MAX " + std::to_string(s.max) + "  MEAN " + fixed(s.mean, 2) +
                "  ZEROS " + fixed(100 * s.zero_fraction, 1) + "%  PEAK " + std::to_string(max_count) +
                " (LOG Y)",
            SOFT_INK);
  const int plot_x = x + 12, plot_y = y + 2 * (GLYPH_HEIGHT + 4) + 6;
  // Log scale: weight distributions are sharply peaked, and the tails matter.
  const double top = std::log10(1.0 + double(max_count));
  const auto bar_height = [&](uint64_t c) {
    return c == 0 || top <= 0 ? 0 : std::max(1, int(std::lround(PLOT_H * std::log10(1.0 + double(c)) / top)));
  };
  if (counts.size() * 4 <= std::size_t(PLOT_W)) {
    // Few bins (small tensors, narrow ranges): separate bars, at most 8 pixels wide.
    const double slot = double(PLOT_W) / double(counts.size());
    const int bar_w = std::clamp(int(slot) - 1, 1, 8);
    for (std::size_t b = 0; b < counts.size(); ++b) {
      const int hgt = bar_height(counts[b]);
      const int cx = plot_x + int((double(b) + 0.5) * slot);
      img.fill_rect(cx - bar_w / 2, plot_y + PLOT_H - hgt, bar_w, hgt, BAR);
    }
  } else {
    for (int px = 0; px < PLOT_W; ++px) {
      const std::size_t first = std::size_t(px) * counts.size() / PLOT_W;
      const std::size_t last = std::max(first + 1, std::size_t(px + 1) * counts.size() / PLOT_W);
      uint64_t c = 0;
      for (std::size_t b = first; b < last && b < counts.size(); ++b) c = std::max(c, counts[b]);
      const int hgt = bar_height(c);
      img.fill_rect(plot_x + px, plot_y + PLOT_H - hgt, 1, hgt, BAR);
    }
  }
  img.fill_rect(plot_x, plot_y + PLOT_H, PLOT_W, 1, INK);
  img.fill_rect(plot_x - 1, plot_y, 1, PLOT_H + 1, INK);
  // Tick labels at the centres of the first and last bins, and at zero.
  const double value_span = double(h.max - h.min + 1);
  const auto x_of = [&](double v) { return plot_x + int((v - double(h.min) + 0.5) / value_span * PLOT_W); };
  const int label_y = plot_y + PLOT_H + 5;
  const auto tick = [&](int64_t v) {
    const int tx = x_of(double(v));
    img.fill_rect(tx, plot_y + PLOT_H, 1, 4, INK);
    const std::string text = std::to_string(v);
    const int left = std::clamp(tx - text_width(text) / 2, plot_x - 8, plot_x + PLOT_W + 8 - text_width(text));
    draw_text(img, left, label_y, text, INK);
  };
  tick(s.min);
  if (s.max != s.min) tick(s.max);
  const int zero_x = x_of(0);
  if (s.min < 0 && s.max > 0 && zero_x - x_of(double(s.min)) > 40 && x_of(double(s.max)) - zero_x > 40) tick(0);
}

Image render_histograms(const std::string& title, const std::vector<HistogramPanel>& panels) {
  const int columns = 2;
  const int rows = (int(panels.size()) + columns - 1) / columns;
  const int top = 10 + 14 + 12;
  Image img(std::max(columns * PANEL_W + 24, 12 + text_width(title, 2) + 12), top + rows * PANEL_H + 6, BACKGROUND);
  draw_text(img, 12, 10, title, INK, 2);
  for (std::size_t i = 0; i < panels.size(); ++i)
    draw_histogram_panel(img, 12 + int(i % columns) * PANEL_W, top + int(i / columns) * PANEL_H, panels[i]);
  return img;
}

HistogramPanel make_panel(const TensorView& t) {
  HistogramPanel p;
  p.tensor = &t;
  p.stats = compute_stats(t);
  p.histogram = compute_histogram(t, p.stats, t.element_bytes() == 1 ? 256 : 192);
  return p;
}

}  // namespace

VisualizeResult visualize_net(const nnue::NetworkData& net, const std::string& out_dir,
                              const VisualizeOptions& options) {
  VisualizeResult result;
  const nnue::Architecture& arch = net.arch;
  if (arch.feature_set.psq_inputs != uint32_t(KING_BUCKETS * BUCKET_STRIDE)) {
    result.error = "cannot draw boards for feature set " + std::string(arch.feature_set.name);
    return result;
  }
  for (int n : options.neurons)
    if (n < 0 || uint32_t(n) >= arch.l1) {
      result.error = "neuron " + std::to_string(n) + " out of range: this net has L1=" + std::to_string(arch.l1) +
                     " (0 to " + std::to_string(arch.l1 - 1) + ")";
      return result;
    }
  std::vector<int> buckets = options.king_buckets;
  if (buckets.empty())
    for (int b = 0; b < KING_BUCKETS; ++b) buckets.push_back(b);
  for (int b : buckets)
    if (b < 0 || b >= KING_BUCKETS) {
      result.error = "king bucket " + std::to_string(b) + " out of range (0 to 31)";
      return result;
    }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (!std::filesystem::is_directory(out_dir)) {
    result.error = out_dir + ": cannot create the folder" + (ec ? ": " + ec.message() : "");
    return result;
  }

  const std::vector<TensorView> tensors = list_tensors(net);
  const std::size_t pictures = options.neurons.size() + arch.psqt_buckets + 2 + net.stacks.size();
  Progress progress("visualize", pictures);
  const auto save = [&](const std::string& name, const Image& img) {
    const std::string path = (std::filesystem::path(out_dir) / name).string();
    if (!write_png(path, img, result.error)) return false;
    result.written.push_back(path);
    progress.step();
    return true;
  };
  const std::string net_name = arch.describe();
  const auto bucket_label = [](int b) { return king_bucket_label(b); };

  for (int neuron : options.neurons) {
    BoardGrid grid;
    grid.title = "FT WEIGHTS, NEURON " + std::to_string(neuron);
    grid.subtitle = net_name + ", INT16, ONE BOARD PER KING BUCKET (ROW) AND PIECE PLANE (COLUMN)";
    grid.rows = buckets;
    grid.row_label = bucket_label;
    grid.saturate_percentile = options.saturate_percentile;
    grid.value = [&, neuron](int bucket, int plane, int sq) {
      const std::size_t feature = std::size_t(sq + PLANE_STRIDE * plane + BUCKET_STRIDE * bucket);
      return double(net.ft.weights[feature * arch.l1 + neuron]);
    };
    if (!save("ft_neuron_" + std::to_string(neuron) + ".png", render_board_grid(grid, options.cell_pixels)))
      return result;
  }

  const auto psqt = [&](int bucket, int plane, int sq, uint32_t psqt_bucket) {
    const std::size_t feature = std::size_t(sq + PLANE_STRIDE * plane + BUCKET_STRIDE * bucket);
    return double(net.ft.psqt_weights[feature * arch.psqt_buckets + psqt_bucket]);
  };
  for (uint32_t pb = 0; pb < arch.psqt_buckets; ++pb) {
    BoardGrid grid;
    grid.title = "PSQT WEIGHTS, BUCKET " + std::to_string(pb);
    grid.subtitle = net_name + ", INT32, BUCKET " + std::to_string(pb) + " IS USED WITH " + std::to_string(4 * pb + 1) +
                    "-" + std::to_string(4 * pb + 4) + " PIECES ON THE BOARD";
    grid.rows = buckets;
    grid.row_label = bucket_label;
    grid.saturate_percentile = options.saturate_percentile;
    grid.value = [&, pb](int bucket, int plane, int sq) { return psqt(bucket, plane, sq, pb); };
    if (!save("psqt_bucket_" + std::to_string(pb) + ".png", render_board_grid(grid, options.cell_pixels)))
      return result;
  }
  {
    BoardGrid grid;
    grid.title = "PSQT WEIGHTS, ALL BUCKETS";
    grid.subtitle = net_name + ", MEAN OVER THE CHOSEN KING BUCKETS, ONE ROW PER PSQT BUCKET";
    for (uint32_t pb = 0; pb < arch.psqt_buckets; ++pb) grid.rows.push_back(int(pb));
    grid.row_label = [](int pb) { return "PSQT" + std::to_string(pb); };
    grid.saturate_percentile = options.saturate_percentile;
    grid.value = [&](int pb, int plane, int sq) {
      double sum = 0;
      for (int b : buckets) sum += psqt(b, plane, sq, uint32_t(pb));
      return sum / double(buckets.size());
    };
    if (!save("psqt_overview.png", render_board_grid(grid, options.cell_pixels))) return result;
  }

  std::vector<HistogramPanel> ft_panels;
  for (const TensorView& t : tensors)
    if (t.name.rfind("ft.", 0) == 0) ft_panels.push_back(make_panel(t));
  if (!save("ft_histograms.png", render_histograms("FEATURE TRANSFORMER: " + net_name, ft_panels))) return result;
  for (std::size_t i = 0; i < net.stacks.size(); ++i) {
    const std::string prefix = "stack" + std::to_string(i) + ".";
    std::vector<HistogramPanel> panels;
    // Weights on the left, biases on the right, one layer per row.
    for (const char* layer : {"fc0", "fc1", "fc2"})
      for (const char* part : {".weights", ".biases"})
        for (const TensorView& t : tensors)
          if (t.name == prefix + layer + part) panels.push_back(make_panel(t));
    const std::string title = "LAYER STACK " + std::to_string(i) + " (" + std::to_string(4 * i + 1) + "-" +
                              std::to_string(4 * i + 4) + " PIECES): " + net_name;
    if (!save("stack_" + std::to_string(i) + "_histograms.png", render_histograms(title, panels))) return result;
  }
  result.ok = true;
  return result;
}

}  // namespace corvid::tools
