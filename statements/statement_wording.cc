#include "statements/statement_wording.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "absl/strings/str_cat.h"
#include "engine/event.h"
#include "statements/plain_figures.h"

namespace ontime {
namespace {

bool OnlyChannels(const Standard& s, std::initializer_list<Channel> set) {
  const auto& channels = s.applies_to.channels;
  return !channels.empty() && std::all_of(channels.begin(), channels.end(), [&](Channel c) {
    return std::find(set.begin(), set.end(), c) != set.end();
  });
}

// The verb before the percentage and what follows it: "answered" ...
// "within 60 seconds".
struct Achievement {
  std::string verb;
  std::string condition;
};

std::string Limit(const Standard& s) {
  return MeasureInWords(s, MeasureValue(s, s.threshold)).value_or("");
}

Achievement AchievementOf(const Standard& s) {
  switch (s.stage) {
    case Stage::kFirstResponse: {
      std::string verb = "responded to";
      if (OnlyChannels(s, {Channel::kPhone, Channel::kChat})) {
        verb = "answered";
      } else if (OnlyChannels(s, {Channel::kVisit})) {
        verb = "saw";
      } else if (OnlyChannels(s, {Channel::kEmail, Channel::kLetter, Channel::kWebForm, Channel::kText,
                                  Channel::kSocial})) {
        verb = "replied to";
      }
      return {verb, "within " + Limit(s)};
    }
    case Stage::kResolution:
      return {"resolved", "within " + Limit(s)};
    case Stage::kUpdate:
      return {"kept", "informed at least every " + Limit(s)};
    case Stage::kPromise:
      return {"kept our promised date for", ""};
    case Stage::kFirstContactResolution:
      return {"resolved", "at the first contact"};
    case Stage::kSatisfaction:
      return {"satisfied", absl::StrCat("(a score of ", s.threshold, " or more out of ", s.score_scale, ")")};
    case Stage::kTransfers:
      return {"resolved", s.threshold == 0 ? std::string("with no transfer")
                                           : absl::StrCat("with at most ", s.threshold,
                                                          s.threshold == 1 ? " transfer" : " transfers")};
  }
  return {"handled", ""};
}

std::string Suffixed(const std::string& condition) { return condition.empty() ? "" : " " + condition; }

}  // namespace

std::string ContactNoun(const Standard& s) {
  const auto& channels = s.applies_to.channels;
  if (channels.size() != 1) {
    if (OnlyChannels(s, {Channel::kPhone})) return "calls";
    return s.stage == Stage::kSatisfaction ? "customers" : "contacts";
  }
  switch (channels.front()) {
    case Channel::kPhone: return "calls";
    case Channel::kEmail: return "emails";
    case Channel::kLetter: return "letters";
    case Channel::kWebForm: return "online forms";
    case Channel::kChat: return "web chats";
    case Channel::kText: return "text messages";
    case Channel::kSocial: return "social media messages";
    case Channel::kVisit: return "visitors";
    case Channel::kUnspecified: break;
  }
  return "contacts";
}

std::string AchievementSentence(const Standard& s, Cohort cohort, const StatementPeriod& period, uint64_t met,
                                uint64_t judged) {
  const std::string noun = ContactNoun(s);
  const std::string when = DuringPeriod(period);
  const Achievement a = AchievementOf(s);
  if (s.stage == Stage::kSatisfaction) {
    // Customers rate; they are not "satisfied" by us like a call answered.
    const std::string who = cohort == Cohort::kReceipt ? absl::StrCat("customers whose contacts were received ", when, " and who rated us")
                                                       : absl::StrCat("customers who rated us ", when);
    if (judged == 0) return absl::StrCat("No ", who, ".");
    return absl::StrCat("Of the ", Thousands(judged), " ", who, ", ", Percent(met, judged), " gave a score of ",
                        s.threshold, " or more out of ", s.score_scale, ".");
  }
  if (judged == 0) {
    return cohort == Cohort::kReceipt ? absl::StrCat("No ", noun, " received ", when, " could be measured yet.")
                                      : absl::StrCat("No ", noun, " were decided ", when, ".");
  }
  const std::string count = absl::StrCat(Thousands(judged), " ", judged == 1 && noun.back() == 's'
                                                                      ? noun.substr(0, noun.size() - 1)
                                                                      : noun);
  if (cohort == Cohort::kReceipt) {
    return absl::StrCat("Of the ", count, " received ", when, ", we ", a.verb, " ", Percent(met, judged),
                        Suffixed(a.condition), ".");
  }
  std::string sentence =
      absl::StrCat(when, " we ", a.verb, " ", Percent(met, judged), " of ", count, Suffixed(a.condition), ".");
  sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  return sentence;
}

std::string MonthsMetInWords(int met, int measured) {
  if (measured == 0) return "";
  return absl::StrCat("met in ", met, " of the ", measured, measured == 1 ? " month" : " months", " measured");
}

}  // namespace ontime
