// The live line says what the metrics say: judged, the share within, and
// the excluded apart (once "4509 within 78.4 %" counted excluded calls in
// the volume and read as if 4,509 had met the standard).
#include "daemon/live_report.h"

#include <gtest/gtest.h>

namespace ontime {
namespace {

TEST(LiveReport, JudgedShareWithinAndExcludedApart) {
  EngineConfig config;
  Standard answer;
  answer.id = "phone-answer";
  answer.target = 0.8;
  config.standards.push_back(answer);
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
  EngineConfig config;
  Standard answer;
  answer.id = "chat-answer";
  answer.target = 0.9;
  config.standards.push_back(answer);
  StandardToDate figures;
  figures.today.excluded = 1;
  EXPECT_EQ(LiveReport(config, {figures}),
            "chat-answer                  today      0 judged      -   within,     1 excluded"
            "   month      0 judged      -   within,     0 excluded   target 90 %\n");
}

}  // namespace
}  // namespace ontime
