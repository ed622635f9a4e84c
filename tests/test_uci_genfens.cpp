// genfens's book file (issue 16, found while writing the uci fuzz target's filter): a path
// that is not a regular file is refused at once instead of blocking (a FIFO) or reading
// without end (/dev/zero); a regular file of FENs and EPD lines is still used.
#include <catch2/catch.hpp>

#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <future>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "chess/position.h"
#include "test_files.h"
#include "uci/genfens.h"

using namespace corvid;

namespace {

// generate_fens on a book, or an error after `limit` (the book read blocked).
GenfensResult generate_within(const std::string& book, int count, std::chrono::seconds limit, bool& blocked) {
  GenfensRequest request;
  request.count = count;
  request.seed = 1;
  request.book = book;
  std::packaged_task<GenfensResult()> task([request] { return generate_fens(request, {}); });
  std::future<GenfensResult> result = task.get_future();
  std::thread worker(std::move(task));
  blocked = result.wait_for(limit) != std::future_status::ready;
  if (blocked) {
    // Let a reader stuck on the FIFO go: open its other end, then close it.
    const int fd = ::open(book.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
  }
  worker.join();
  return result.get();
}

}  // namespace

TEST_CASE("genfens: a book that is a FIFO, a folder or a device is refused without blocking", "[uci][genfens]") {
  chess::init();
  test::TempDir dir;
  const std::string fifo = dir / "book.epd";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  bool blocked = false;
  GenfensResult r = generate_within(fifo, 1, std::chrono::seconds(10), blocked);
  CHECK_FALSE(blocked);
  CHECK(r.fens.empty());
  CHECK_THAT(r.error, Catch::Contains("cannot open book") && Catch::Contains("FIFO"));

  r = generate_within(dir.path.string(), 1, std::chrono::seconds(10), blocked);
  CHECK_FALSE(blocked);
  CHECK_THAT(r.error, Catch::Contains("a directory"));

  // (/dev/zero, a character device, is refused by the same check; before it, the reader
  // took it for one endless line until the memory ran out.)
}

TEST_CASE("genfens: a regular book file is read", "[uci][genfens]") {
  chess::init();
  test::TempDir dir;
  const std::string book = dir / "book.epd";
  std::ofstream(book) << "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - bm e5;\n"
                         "not a position\n";
  bool blocked = false;
  const GenfensResult r = generate_within(book, 2, std::chrono::seconds(120), blocked);
  CHECK_FALSE(blocked);
  CHECK(r.error.empty());
  REQUIRE(r.fens.size() == 2);
  for (const std::string& fen : r.fens) {
    Position pos;
    std::string error;
    CHECK(pos.set_fen(fen, false, &error));
  }
}
