// The live line says what the metrics say: judged, the share within, and
// the excluded apart (once "4509 within 78.4 %" counted excluded calls in
// the volume and read as if 4,509 had met the standard).
#include "statements/live_report.h"

#include <gtest/gtest.h>

namespace ontime {
namespace {

EngineConfig OneStandard(std::string id, double target) {
  EngineConfig config;
  Standard standard;
  standard.id = std::move(id);
  standard.target = target;
  config.standards.push_back(standard);
  return config;
}

TEST(LiveReport, JudgedShareWithinAndExcludedApart) {
  const EngineConfig config = OneStandard("phone-answer", 0.8);
  StandardToDate figures;
  figures.today.met = 3;
  figures.today.breached = 1;
  figures.today.excluded = 2;
  figures.month.met = 3536;
  figures.month.breached = 782;
  figures.month.excluded = 191;
  EXPECT_EQ(LiveReport(config, {figures}),
            "phone-answer                 today      4 judged  75.0 % within,     2 excluded"
            "   month   4318 judged  81.9 % within,   191 excluded   target 80 %\n");
}

TEST(LiveReport, NothingJudgedYetShowsADash) {
  const EngineConfig config = OneStandard("chat-answer", 0.9);
  StandardToDate figures;
  figures.today.excluded = 1;
  EXPECT_EQ(LiveReport(config, {figures}),
            "chat-answer                  today      0 judged      -   within,     1 excluded"
            "   month      0 judged      -   within,     0 excluded   target 90 %\n");
}

}  // namespace
}  // namespace ontime
