// One line of CSV (RFC 4180) split into its fields: commas separate, a field
// in double quotes may hold commas and "" for a quote. Shared by the
// collectors that read exported tables (PBXware's queue_log, case systems).
#ifndef ONTIME_COLLECTORS_CSV_FIELDS_H_
#define ONTIME_COLLECTORS_CSV_FIELDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ontime {

// Splits `line` (without its line end; a trailing \r is dropped) into
// `fields`, reusing their storage. False when a quoted field is not closed
// on the line or a quote is followed by something other than a comma.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_CSV_FIELDS_H_
