// A row of a case system's CSV export as contact events, by the import
// mapping (config/case_import_mapping.h): RECEIVED at the received time,
// with the channel, type, service, site, customer group and attributes the
// mapping names; FIRST_RESPONSE and RESOLVED when their columns hold a
// time. Event ids are "<case reference>:received", ":first_response",
// ":resolved", so importing the same export again (or a later export that
// holds the same cases) sends the same events, which the engine counts once.
//
// A row the mapping cannot read is refused with a reason, never guessed:
// a wall-clock time a clock change skips or repeats, a value the mapping's
// `values` do not list, a closing time before the receipt.
#ifndef ONTIME_COLLECTORS_CASE_EXPORT_EVENTS_H_
#define ONTIME_COLLECTORS_CASE_EXPORT_EVENTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "config/case_import_mapping.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

// What became of a row, in a word fit for a metric label, and why when it
// was refused.
struct CaseRowUse {
  // contact, skipped (a skip rule matched), or the reason it was refused:
  // wrong_field_count, missing_contact_id, missing_received, bad_time,
  // skipped_local_time, repeated_local_time, unlisted_value,
  // resolved_before_received.
  std::string_view kind;
  std::string detail;
};

class CaseExportEvents {
 public:
  explicit CaseExportEvents(const CaseImportMapping& mapping);

  // The export's header: where each mapped column is. An error names every
  // column the mapping uses that the header lacks.
  absl::Status UseHeader(const std::vector<std::string>& header);

  // Appends the row's events to `events` (nothing when it is skipped or
  // refused) and says what became of it.
  // The row's case reference (empty when the row has none).
  std::string_view ContactId(const std::vector<std::string>& row) const;

  CaseRowUse Convert(const std::vector<std::string>& row,
                     google::protobuf::RepeatedPtrField<v1::ContactEvent>* events) const;

 private:
  bool Value(const ColumnValue& rule, int index, const std::vector<std::string>& row, std::string_view what,
             std::string* out, CaseRowUse* refusal) const;
  bool Time(const TimeColumn& rule, int index, const std::vector<std::string>& row, std::string_view what,
            absl::Time* out, bool* present, CaseRowUse* refusal) const;

  const CaseImportMapping& mapping_;
  size_t header_size_ = 0;
  int contact_id_ = -1;
  int received_ = -1;
  int first_response_ = -1;
  int resolved_ = -1;
  std::vector<int> skip_;
  int channel_ = -1;
  int contact_type_ = -1;
  int service_ = -1;
  int site_ = -1;
  int customer_group_ = -1;
  int priority_ = -1;
  std::vector<std::pair<const std::string*, int>> attributes_;
};

// A wall-clock time in `zone` to an instant, refusing one the zone skips or
// repeats; `date_only`: the start of that day there (which a clock change
// at midnight can move, never make ambiguous).
enum class LocalTimeKind { kUnique, kSkipped, kRepeated };
LocalTimeKind LocalToInstant(absl::CivilSecond civil, absl::TimeZone zone, bool date_only, absl::Time* out);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_CASE_EXPORT_EVENTS_H_
