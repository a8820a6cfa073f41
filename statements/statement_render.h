// A statement as a document: Markdown and HTML from templates the
// organisation can replace with its own (Mustache, statements/templates/),
// CSV and JSON as plain comparable figures (5.3.3) in a fixed shape
// (statements/statement.schema.json describes the JSON).
//
//   absl::StatusOr<std::string> html =
//       RenderStatement(statement, StatementFormat::kHtml, StatementTemplates::BuiltIn());
//
// The templates see one view of the statement (StatementView below lists
// its fields in the README's "Monthly statements"); figures arrive already
// in words ("83.1%", "2.1 working days"), so a template never computes.
#ifndef ONTIME_STATEMENTS_STATEMENT_RENDER_H_
#define ONTIME_STATEMENTS_STATEMENT_RENDER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "statements/assessor_evidence.h"
#include "statements/monthly_statement.h"

namespace ontime {

enum class StatementFormat : uint8_t { kMarkdown, kHtml, kCsv, kJson };
bool ParseStatementFormat(std::string_view name, StatementFormat* format);
// "md", "html", "csv", "json": the file name extension too.
std::string_view StatementFormatName(StatementFormat format);

struct StatementTemplates {
  std::string markdown;
  std::string html;
  // The assessor's evidence index (assessor_evidence.h).
  std::string evidence_markdown;
  std::string evidence_html;
  // The templates built into ontime (statements/templates/).
  static StatementTemplates BuiltIn();
};

absl::StatusOr<std::string> RenderStatement(const Statement& statement, StatementFormat format,
                                            const StatementTemplates& templates);
// The assessor's evidence index, as Markdown or HTML (an error for the others).
absl::StatusOr<std::string> RenderEvidence(const EvidenceIndex& index, StatementFormat format,
                                           const StatementTemplates& templates);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_RENDER_H_
