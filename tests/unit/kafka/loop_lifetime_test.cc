// Completions queued on a loop, and completions started on another thread
// that hop to the loop, never run into an owner that is gone.
#include "kafka/loop_lifetime.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <functional>
#include <memory>
#include <thread>

namespace ontime {
namespace {

struct Owner {
  explicit Owner(int* counter) : calls(counter) {}
  int* calls;
  std::unique_ptr<int> state = std::make_unique<int>(7);  // ASan sees a use after free
  LoopLifetime lifetime;
  auto Completion() {
    return lifetime.Guard([this] { *calls += *state; });
  }
};

TEST(LoopLifetime, AQueuedCompletionRunsWhileItsOwnerLives) {
  boost::asio::io_context io;
  int calls = 0;
  Owner owner(&calls);
  boost::asio::post(io, owner.Completion());
  io.run();
  EXPECT_EQ(calls, 7);
}

TEST(LoopLifetime, AQueuedCompletionIsDroppedOnceItsOwnerIsGone) {
  boost::asio::io_context io;
  int calls = 0;
  auto owner = std::make_unique<Owner>(&calls);
  for (int i = 0; i < 3; ++i) boost::asio::post(io, owner->Completion());
  owner.reset();  // the first pipeline of the fault test, gone with its saves queued
  io.run();
  EXPECT_EQ(calls, 0);
}

TEST(LoopLifetime, EndSkipsEveryLaterCall) {
  boost::asio::io_context io;
  int calls = 0;
  Owner owner(&calls);
  boost::asio::post(io, owner.Completion());
  owner.lifetime.End();
  io.run();
  EXPECT_EQ(calls, 0);
}

TEST(LoopLifetime, ACompletionFromAnotherThreadHopsToTheLoopAndIsDroppedThere) {
  // The checkpoint writer's pattern: its thread finishes a save after the
  // owner is destroyed; it posts the guarded call, and the loop drops it.
  for (int round = 0; round < 200; ++round) {
    boost::asio::io_context io;
    int calls = 0;
    auto owner = std::make_unique<Owner>(&calls);
    std::function<void()> done = [&io, completion = owner->Completion()]() mutable { boost::asio::post(io, completion); };
    std::thread writer(done);
    if (round % 2 == 0) owner.reset();
    writer.join();
    const bool destroyed = owner == nullptr;
    owner.reset();
    io.run();
    EXPECT_EQ(calls, 0) << (destroyed ? "destroyed before the hop" : "destroyed after the hop");
  }
}

TEST(LoopLifetime, ArgumentsPassThrough) {
  LoopLifetime lifetime;
  int sum = 0;
  auto add = lifetime.Guard([&sum](int a, const int& b) { sum += a + b; });
  add(2, 3);
  EXPECT_EQ(sum, 5);
}

}  // namespace
}  // namespace ontime
