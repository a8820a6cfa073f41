// An outcome through its record and back is the same outcome, under the
// same identity; a record of a standard the config no longer has, or with
// an unknown verdict or channel, is refused with the reason.
#include "collectors/outcome_record.h"

#include <gtest/gtest.h>

#include "tests/support/answer_standard.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::MakeEvent;

TEST(OutcomeRecord, AnOutcomeRoundTripsUnderItsIdentity) {
  EngineConfig config;
  config.standards.push_back(testing::AnswerWithin60s());
  auto engine = *Engine::Create(config);
  Effects fx;
  const absl::Time t0 = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 0, 0), absl::UTCTimeZone());
  engine->Apply(MakeEvent("CALL-1", EventType::kReceived, t0).view(), fx);
  engine->Apply(MakeEvent("CALL-1", EventType::kFirstResponse, t0 + absl::Seconds(75)).view(), fx);
  engine->FinishInput(fx);
  ASSERT_EQ(fx.outcomes.size(), 1u);
  const Outcome& outcome = fx.outcomes[0];

  v1::OutcomeRecord record;
  ToOutcomeRecord(*engine, outcome, {.topic = "contact-events", .partition = 3, .position = 1042}, &record);
  EXPECT_EQ(record.identity(), absl::StrCat(config.standards[0].id, "/CALL-1/0/", absl::ToUnixMicros(t0)));
  EXPECT_EQ(record.source_topic(), "contact-events");
  EXPECT_EQ(record.source_partition(), 3);
  EXPECT_EQ(record.source_position(), 1042);
  std::string bytes;
  ASSERT_TRUE(record.SerializeToString(&bytes));
  v1::OutcomeRecord read;
  ASSERT_TRUE(read.ParseFromString(bytes));

  absl::StatusOr<DecodedOutcome> back = FromOutcomeRecord(read, StandardLookup(config.standards));
  ASSERT_TRUE(back.ok()) << back.status();
  const Outcome& o = back->outcome;
  EXPECT_EQ(o.contact_id, "CALL-1");
  EXPECT_EQ(Index(o.standard), 0u);
  EXPECT_EQ(o.verdict, Verdict::kBreached);
  EXPECT_EQ(o.measure, 75'000'000);
  EXPECT_EQ(o.started, t0);
  EXPECT_EQ(o.decided_at, t0 + absl::Seconds(75));
  EXPECT_EQ(o.dimensions.channel, outcome.dimensions.channel);
  EXPECT_EQ(OutcomeIdentity(config.standards[0].id, o), record.identity());

  v1::OutcomeRecord unknown = read;
  unknown.set_standard("retired-standard");
  EXPECT_EQ(FromOutcomeRecord(unknown, StandardLookup(config.standards)).status().code(), absl::StatusCode::kNotFound);
  v1::OutcomeRecord bad_verdict = read;
  bad_verdict.set_verdict(static_cast<v1::OutcomeRecord::Verdict>(9));
  EXPECT_FALSE(FromOutcomeRecord(bad_verdict, StandardLookup(config.standards)).ok());
  v1::OutcomeRecord bad_channel = read;
  bad_channel.set_channel(static_cast<v1::Channel>(40));
  EXPECT_FALSE(FromOutcomeRecord(bad_channel, StandardLookup(config.standards)).ok());
}

}  // namespace
}  // namespace ontime
