// One line of CSV (RFC 4180) split into its fields: commas separate, a field
// in double quotes may hold commas and "" for a quote. Shared by the
// collectors that read exported tables (PBXware's queue_log, case systems).
#ifndef ONTIME_COLLECTORS_CSV_FIELDS_H_
#define ONTIME_COLLECTORS_CSV_FIELDS_H_

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace ontime {

// Splits `line` (without its line end; a trailing \r is dropped) into
// `fields`, reusing their storage. False when a quoted field is not closed
// on the line or a quote is followed by something other than a comma.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields);

// The records of a CSV file, read from a stream: a record is one line, or
// several when a quoted field holds line ends (a case note with a new
// line). Line ends inside a field are kept as "\n".
//
//   CsvRecordReader reader(in);
//   while (auto r = reader.Next(&fields); r != CsvRecordReader::Result::kEnd) ...
class CsvRecordReader {
 public:
  // A record larger than this (a quote never closed) is bad, not read to
  // the end of the file.
  static constexpr size_t kMaxRecordBytes = 1 << 20;

  explicit CsvRecordReader(std::istream& in) : in_(in) {}

  enum class Result { kRecord, kBadRecord, kEnd };
  Result Next(std::vector<std::string>* fields);

  // Where the last record began: its first line (1-based) and byte offset,
  // and its text (for a report or a dead letter).
  int64_t line() const { return line_; }
  int64_t offset() const { return offset_; }
  const std::string& text() const { return text_; }

 private:
  std::istream& in_;
  std::string text_;
  std::string next_line_;
  int64_t line_ = 0;
  int64_t offset_ = 0;
  int64_t lines_read_ = 0;
  int64_t bytes_read_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_CSV_FIELDS_H_
