// What ontime holds as naturally arising evidence for a Customer Service
// Excellence assessment, element by element (criteria 4.1, 4.3.1 and
// 5.1-5.3), for one organisation year: the standards per channel in plain
// words, the year's performance against each, the dips with their
// explanations and actions, waits for a first response, the publication
// record and comparisons with other organisations. Each element also says
// what the assessor will ask for that ontime cannot hold (consultation,
// leaflets, training), so nobody mistakes the index for the whole case.
//
//   EvidenceIndex index = ComposeEvidence(year_statement, {.publications = archive,
//                                                          .alerts_configured = true});
//   index.elements[0].id        // "4.1.1"
//   index.elements[0].held[0]   // "We aim to answer 80% of calls within 60 seconds (target 80.0%; phone)."
#ifndef ONTIME_STATEMENTS_ASSESSOR_EVIDENCE_H_
#define ONTIME_STATEMENTS_ASSESSOR_EVIDENCE_H_

#include <string>
#include <vector>

#include "statements/monthly_statement.h"

namespace ontime {

struct EvidenceElement {
  std::string id;     // "5.1.1"
  std::string asks;   // the element, in short
  // What ontime holds for it, one sentence each.
  std::vector<std::string> held;
  // What it cannot hold: for the organisation to bring.
  std::vector<std::string> not_held;
  // Something an assessor would question (a channel with no standard, a dip
  // never explained).
  std::vector<std::string> gaps;
};

struct EvidenceIndex {
  std::string organisation;
  StatementPeriod period;
  absl::Time figures_at = absl::InfinitePast();
  std::vector<EvidenceElement> elements;
};

struct EvidenceContext {
  // Every statement in the archive (statements.archive): the publication record.
  std::vector<PublishedStatement> publications;
  // Managers are alerted before deadlines pass (the config's alerts: section).
  bool alerts_configured = false;
};

// `year` is the year's statement (ComposeStatement with OrganisationYear).
EvidenceIndex ComposeEvidence(const Statement& year, const EvidenceContext& context);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_ASSESSOR_EVIDENCE_H_
