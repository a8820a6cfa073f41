// Reading back a statement as published (its JSON, statement.schema.json):
// the archive of published statements lets the next one say which earlier
// months were revised since ("September 2026: revised from 91.8% (of
// 1,204) as published on Monday 5 October 2026 to 91.6% (of 1,207)").
// `ontime statement --publish yes` writes the archive; this reads one file
// of it, or another organisation's export (`--compare`).
#ifndef ONTIME_STATEMENTS_STATEMENT_ARCHIVE_H_
#define ONTIME_STATEMENTS_STATEMENT_ARCHIVE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "statements/monthly_statement.h"

namespace ontime {

// The organisation, the period, when it was made, and each standard's
// wording, target and figure.
absl::StatusOr<PublishedStatement> ParsePublishedStatement(std::string_view json);

// The archive file name of a statement made at `made_at`:
// "statement-2026-10-made-20261105T090000Z.json",
// "statement-2026-04-to-2027-03-made-....json" for a year.
std::string ArchiveFileName(const StatementPeriod& period, absl::Time made_at);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_ARCHIVE_H_
