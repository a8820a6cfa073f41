#include "collectors/queue_log_record.h"

#include <array>
#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "collectors/csv_fields.h"

namespace ontime {

bool ParseEpochSeconds(std::string_view text, absl::Time* time) {
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  int64_t seconds = 0;
  if (whole.empty() || whole.size() > 12 || !absl::SimpleAtoi(absl::string_view(whole.data(), whole.size()), &seconds) ||
      seconds < 0 || whole[0] == '+' || whole[0] == '-') {
    return false;
  }
  int64_t micros = 0;
  if (dot != std::string_view::npos) {
    const std::string_view fraction = text.substr(dot + 1);
    if (fraction.empty() || fraction.size() > 9) return false;
    int64_t scale = 100000;
    for (size_t i = 0; i < fraction.size(); ++i) {
      const char c = fraction[i];
      if (c < '0' || c > '9') return false;
      if (i < 6) {
        micros += (c - '0') * scale;
        scale /= 10;
      }
    }
  }
  *time = absl::FromUnixSeconds(seconds) + absl::Microseconds(micros);
  return true;
}

namespace {

absl::Status Finish(std::string_view time_text, std::string_view call_id, std::string_view queue,
                    std::string_view verb, QueueLogRecord* record) {
  if (!ParseEpochSeconds(time_text, &record->time)) {
    return absl::InvalidArgumentError(absl::StrCat("the time \"", std::string(time_text), "\" is not Unix seconds"));
  }
  if (verb.empty()) return absl::InvalidArgumentError("the line has no event (its fifth field is empty)");
  record->call_id.assign(call_id);
  record->queue.assign(queue);
  record->verb.assign(verb);
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseAsteriskQueueLogLine(std::string_view line, QueueLogRecord* record) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::array<std::string_view, 5> fields;
  size_t start = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    const size_t bar = line.find('|', start);
    if (bar == std::string_view::npos && i < fields.size() - 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("a queue_log line has at least five fields separated by |; this one has ", i + 1));
    }
    fields[i] = line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    start = bar == std::string_view::npos ? line.size() : bar + 1;
  }
  return Finish(fields[0], fields[1], fields[2], fields[4], record);
}

absl::Status PbxwareCsvReader::ReadHeader(std::string_view line) {
  if (!SplitCsvLine(line, &fields_)) return absl::InvalidArgumentError("the header line is not CSV");
  const std::array<std::pair<std::string_view, size_t*>, 4> wanted = {
      {{"date_time", &time_}, {"callid", &call_id_}, {"queue_name", &queue_}, {"event", &verb_}}};
  width_ = 0;
  for (const auto& [name, index] : wanted) {
    bool found = false;
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i] == name) {
        *index = i;
        found = true;
      }
    }
    if (!found) {
      return absl::InvalidArgumentError(absl::StrCat("the header has no column \"", std::string(name),
                                                     "\" (it needs date_time, callid, queue_name and event)"));
    }
    width_ = std::max(width_, *index + 1);
  }
  has_header_ = true;
  return absl::OkStatus();
}

absl::Status PbxwareCsvReader::ParseLine(std::string_view line, QueueLogRecord* record) {
  if (!has_header_) return absl::FailedPreconditionError("no header line has been read");
  if (!SplitCsvLine(line, &fields_)) return absl::InvalidArgumentError("the line is not CSV (a quote is not closed)");
  if (fields_.size() < width_) {
    return absl::InvalidArgumentError(
        absl::StrCat("the line has ", fields_.size(), " columns; the header has at least ", width_));
  }
  return Finish(fields_[time_], fields_[call_id_], fields_[queue_], fields_[verb_], record);
}

}  // namespace ontime
