// Reading back a statement as published (its JSON, statement.schema.json):
// the archive of published statements lets the next one say which earlier
// months were revised since ("September 2026: revised from 91.8% (of
// 1,204) as published on Monday 5 October 2026 to 91.6% (of 1,207)").
// `ontime statement --publish yes` writes the archive; this reads one file.
#ifndef ONTIME_STATEMENTS_STATEMENT_ARCHIVE_H_
#define ONTIME_STATEMENTS_STATEMENT_ARCHIVE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "statements/monthly_statement.h"

namespace ontime {

// The month, when it was made, and each standard's figure for the month.
absl::StatusOr<PublishedMonth> ParsePublishedStatement(std::string_view json);

// The archive file name of a statement made at `made_at`:
// "statement-2026-10-made-20261105T090000Z.json".
std::string ArchiveFileName(absl::CivilMonth month, absl::Time made_at);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_ARCHIVE_H_
