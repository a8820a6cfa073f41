// A standard in plain words, as `ontime check-config` prints it and the
// monthly statement will name it:
//
//   phone-answer: phone: answer within 60 s, target 90 %
#ifndef ONTIME_STATEMENTS_STANDARD_DESCRIPTION_H_
#define ONTIME_STATEMENTS_STANDARD_DESCRIPTION_H_

#include <string>

#include "engine/standard.h"

namespace ontime {

std::string DescribeStandard(const Standard& standard);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STANDARD_DESCRIPTION_H_
