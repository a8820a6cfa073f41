// ONTIME_DCHECK: fires (file:line, the condition, abort) where checks are
// enabled (every build but Release); in Release it compiles to nothing.
#include <gtest/gtest.h>

#include <memory>

#include "engine/check.h"
#include "engine/deadline_index.h"
#include "engine/engine.h"

namespace ontime {
namespace {

#ifdef ONTIME_ENABLE_DCHECKS
std::unique_ptr<Engine> OneStandard() {
  EngineConfig config;
  Standard answer;
  answer.id = "answer";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = 60'000'000;
  config.standards.push_back(answer);
  return *Engine::Create(config);
}
#endif

TEST(DcheckDeathTest, FailedCheckAbortsWithTheCondition) {
#ifdef ONTIME_ENABLE_DCHECKS
  const int open = 0;
  EXPECT_DEATH(ONTIME_DCHECK(open > 0), "ONTIME_DCHECK failed: open > 0");
#else
  GTEST_SKIP() << "ONTIME_DCHECK is compiled out in Release builds";
#endif
}

TEST(DcheckDeathTest, StandardIndexOutOfRangeIsCaught) {
#ifdef ONTIME_ENABLE_DCHECKS
  auto engine = OneStandard();
  EXPECT_DEATH(static_cast<void>(engine->standard(StandardAt(1))), "ONTIME_DCHECK failed");
#else
  GTEST_SKIP() << "ONTIME_DCHECK is compiled out in Release builds";
#endif
}

TEST(DcheckDeathTest, UnallocatedSlotIsCaught) {
#ifdef ONTIME_ENABLE_DCHECKS
  ContactTable table;
  EXPECT_DEATH(static_cast<void>(table.at(Slot{3})), "ONTIME_DCHECK failed");
#else
  GTEST_SKIP() << "ONTIME_DCHECK is compiled out in Release builds";
#endif
}

// The disabled form must still compile the condition (and so use its
// variables) without evaluating it.
TEST(Dcheck, PassingOrCompiledOutCheckDoesNothing) {
  int evaluated = 0;
  ONTIME_DCHECK(++evaluated > 0);
#ifdef ONTIME_ENABLE_DCHECKS
  EXPECT_EQ(evaluated, 1);
#else
  EXPECT_EQ(evaluated, 0);
#endif
  DeadlineIndex index;
  index.Push({5, 1, 0});
  index.Push({3, 2, 0});
  index.Push({9, 0, 0});
  EXPECT_EQ(index.Pop().due_us, 3);
  EXPECT_EQ(index.Pop().due_us, 5);
  EXPECT_EQ(index.Pop().due_us, 9);
}

}  // namespace
}  // namespace ontime
