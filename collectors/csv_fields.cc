#include "collectors/csv_fields.h"

namespace ontime {

bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t count = 0;
  auto next_field = [&]() -> std::string& {
    if (count == fields->size()) fields->emplace_back();
    std::string& field = (*fields)[count++];
    field.clear();
    return field;
  };
  size_t i = 0;
  for (;;) {
    std::string& field = next_field();
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        if (i >= line.size()) return false;  // the quote is not closed on this line
        const char c = line[i++];
        if (c != '"') {
          field.push_back(c);
        } else if (i < line.size() && line[i] == '"') {
          field.push_back('"');
          ++i;
        } else {
          break;
        }
      }
      if (i < line.size() && line[i] != ',') return false;
    } else {
      const size_t end = line.find(',', i);
      field.assign(line.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
      i = end == std::string_view::npos ? line.size() : end;
    }
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  fields->resize(count);
  return true;
}

CsvRecordReader::Result CsvRecordReader::Next(std::vector<std::string>* fields) {
  text_.clear();
  line_ = lines_read_ + 1;
  offset_ = bytes_read_;
  bool first = true;
  while (std::getline(in_, next_line_)) {
    ++lines_read_;
    bytes_read_ += static_cast<int64_t>(next_line_.size()) + (in_.eof() ? 0 : 1);
    if (!next_line_.empty() && next_line_.back() == '\r') next_line_.pop_back();
    if (!first) text_.push_back('\n');
    text_ += next_line_;
    first = false;
    if (SplitCsvLine(text_, fields)) return Result::kRecord;
    // Only an open quote is worth another line: an odd count of quotes.
    size_t quotes = 0;
    for (char c : text_) quotes += c == '"' ? 1 : 0;
    if (quotes % 2 == 0 || text_.size() > kMaxRecordBytes) return Result::kBadRecord;
  }
  return first ? Result::kEnd : Result::kBadRecord;
}

}  // namespace ontime
