// One line per key per interval, and the next one says how many were held.
#include "kafka/log_limiter.h"

#include <gtest/gtest.h>

namespace ontime {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1790000000);

TEST(LogLimiter, OneLinePerKeyPerIntervalThenTheCountHeldBack) {
  LogLimiter limiter(absl::Seconds(10));
  uint64_t held = 99;
  EXPECT_TRUE(limiter.Allow("undecodable", &held, kT0));
  EXPECT_EQ(held, 0u);
  int allowed = 0;
  for (int i = 1; i <= 2000; ++i) allowed += limiter.Allow("undecodable", &held, kT0 + absl::Milliseconds(i));
  EXPECT_EQ(allowed, 0);
  EXPECT_TRUE(limiter.Allow("undecodable", &held, kT0 + absl::Seconds(10)));
  EXPECT_EQ(held, 2000u);
  EXPECT_EQ(limiter.held_back_total(), 2000u);
}

TEST(LogLimiter, KeysAreLimitedApart) {
  LogLimiter limiter(absl::Seconds(10));
  uint64_t held = 0;
  EXPECT_TRUE(limiter.Allow("undecodable", &held, kT0));
  EXPECT_TRUE(limiter.Allow("oversized", &held, kT0));
  EXPECT_FALSE(limiter.Allow("undecodable", &held, kT0 + absl::Seconds(1)));
}

}  // namespace
}  // namespace ontime
