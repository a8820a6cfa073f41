#include "statements/standard_description.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace ontime {

namespace {

std::string DescribeDuration(int64_t micros) {
  const absl::Duration d = absl::Microseconds(micros);
  if (d % absl::Hours(24) == absl::ZeroDuration() && d >= absl::Hours(24)) {
    const int64_t days = d / absl::Hours(24);
    return absl::StrCat(days, days == 1 ? " day" : " days");
  }
  if (d % absl::Hours(1) == absl::ZeroDuration() && d >= absl::Hours(1)) {
    return absl::StrCat(d / absl::Hours(1), " h");
  }
  if (d % absl::Minutes(1) == absl::ZeroDuration() && d >= absl::Minutes(5)) {
    return absl::StrCat(d / absl::Minutes(1), " min");
  }
  return absl::StrCat(absl::ToDoubleSeconds(d), " s");
}

// "answer" a call, "see" a visitor, "reply" to a letter.
std::string FirstResponseVerb(const Standard& s) {
  const auto& channels = s.applies_to.channels;
  auto only = [&](std::initializer_list<Channel> set) {
    return !channels.empty() && std::all_of(channels.begin(), channels.end(), [&](Channel c) {
      return std::find(set.begin(), set.end(), c) != set.end();
    });
  };
  if (only({Channel::kPhone, Channel::kChat})) return "answer";
  if (only({Channel::kVisit})) return "see visitors";
  if (only({Channel::kEmail, Channel::kLetter, Channel::kWebForm, Channel::kText,
            Channel::kSocial})) {
    return "reply";
  }
  return "respond";
}

std::string DescribeScope(const Standard& s) {
  std::vector<std::string> parts;
  for (Channel c : s.applies_to.channels) parts.emplace_back(ChannelName(c));
  std::string scope = parts.empty() ? "all channels" : absl::StrJoin(parts, "/");
  if (!s.applies_to.contact_types.empty()) {
    absl::StrAppend(&scope, " ", absl::StrJoin(s.applies_to.contact_types, "/"));
  }
  if (!s.applies_to.services.empty()) {
    absl::StrAppend(&scope, " (", absl::StrJoin(s.applies_to.services, ", "), ")");
  }
  if (!s.applies_to.priorities.empty()) {
    absl::StrAppend(&scope, " priority ", absl::StrJoin(s.applies_to.priorities, "/"));
  }
  return scope;
}

}  // namespace

std::string DescribeStandard(const Standard& s) {
  std::string limit;
  if (s.clock == ClockKind::kWorkingDays) {
    limit = absl::StrCat(s.threshold, s.threshold == 1 ? " working day" : " working days");
  } else {
    limit = DescribeDuration(s.threshold);
    if (s.clock == ClockKind::kBusiness) absl::StrAppend(&limit, " of opening hours");
  }
  std::string what;
  switch (s.stage) {
    case Stage::kFirstResponse: what = absl::StrCat(FirstResponseVerb(s), " within ", limit); break;
    case Stage::kResolution: what = absl::StrCat("resolve within ", limit); break;
    case Stage::kUpdate: what = absl::StrCat("keep the customer informed at least every ", limit); break;
    case Stage::kPromise: what = "keep every promised date"; break;
    case Stage::kFirstContactResolution: what = "resolve at first contact"; break;
    case Stage::kSatisfaction:
      what = absl::StrCat("satisfaction score of ", s.threshold, " or more out of ", s.score_scale);
      break;
    case Stage::kTransfers:
      what = s.threshold == 0 ? std::string("resolve with no transfer")
                              : absl::StrCat("resolve with at most ", s.threshold, " transfers");
      break;
  }
  return absl::StrFormat("%s: %s: %s, target %g %%", s.id, DescribeScope(s), what,
                         std::round(s.target * 1000) / 10);
}

}  // namespace ontime
