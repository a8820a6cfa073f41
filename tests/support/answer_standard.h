// The standard most engine tests need: answer phone and email contacts
// within 60 s, at risk from half-way.
#ifndef ONTIME_TESTS_SUPPORT_ANSWER_STANDARD_H_
#define ONTIME_TESTS_SUPPORT_ANSWER_STANDARD_H_

#include "absl/time/time.h"
#include "engine/standard.h"

namespace ontime::testing {

inline Standard AnswerWithin60s() {
  Standard answer;
  answer.id = "answer";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = absl::ToInt64Microseconds(absl::Seconds(60));
  answer.warn_at = 0.5;
  answer.applies_to.channels = {Channel::kPhone, Channel::kEmail};
  return answer;
}

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_ANSWER_STANDARD_H_
