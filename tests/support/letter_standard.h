// The letter standard statement tests share: "We aim to reply to 90% of
// letters within 10 working days" (first response, working days).
#ifndef ONTIME_TESTS_SUPPORT_LETTER_STANDARD_H_
#define ONTIME_TESTS_SUPPORT_LETTER_STANDARD_H_

#include "engine/standard.h"

namespace ontime::testing {

inline Standard LetterReply(Stage stage = Stage::kFirstResponse) {
  Standard s;
  s.id = "letter-reply";
  s.wording = "We aim to reply to 90% of letters within 10 working days";
  s.applies_to.channels = {Channel::kLetter};
  s.stage = stage;
  s.clock = ClockKind::kWorkingDays;
  s.threshold = 10;
  s.target = 0.9;
  return s;
}

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_LETTER_STANDARD_H_
