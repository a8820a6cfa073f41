#include "cli/import_command.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

#include "absl/strings/str_cat.h"
#include "collectors/case_export_events.h"
#include "collectors/csv_fields.h"
#include "config/case_import_mapping.h"
#include "config/config_loader.h"
#include "intake/event_shipment.h"
#include "kafka/kafka_producer.h"

namespace ontime {

namespace {

// Refused rows named one by one up to this many; the rest are counted.
constexpr int kRefusalsShown = 20;

struct FileTally {
  int64_t rows = 0;
  int64_t contacts = 0;
  int64_t skipped = 0;
  std::map<std::string, int64_t> refused;
};

class Importer {
 public:
  Importer(const CaseImportMapping& mapping, std::ostream& err) : rows_(mapping), err_(err) {}

  // Reads one export; false when it cannot be read at all (no file, no
  // header, a mapped column missing).
  bool Read(const std::string& path, FileTally* tally) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      err_ << "ontime import: cannot open " << path << "\n";
      return false;
    }
    CsvRecordReader reader(in);
    std::vector<std::string> fields;
    if (reader.Next(&fields) != CsvRecordReader::Result::kRecord) {
      err_ << "ontime import: " << path << ": no header row\n";
      return false;
    }
    if (absl::Status s = rows_.UseHeader(fields); !s.ok()) {
      err_ << "ontime import: " << path << ": " << s.message() << "\n";
      return false;
    }
    for (;;) {
      const CsvRecordReader::Result result = reader.Next(&fields);
      if (result == CsvRecordReader::Result::kEnd) break;
      ++tally->rows;
      if (result == CsvRecordReader::Result::kBadRecord) {
        Refuse(path, reader, {"unreadable_row", "not CSV: a quote is not closed, or is followed by text"}, tally);
        continue;
      }
      const std::string id(rows_.ContactId(fields));
      if (!id.empty() && seen_.count(id)) {
        Refuse(path, reader, {"repeated_case", absl::StrCat("case ", id, " is on an earlier row")}, tally);
        continue;
      }
      CaseRowUse use = rows_.Convert(fields, &events_);
      if (use.kind == "contact") {
        ++tally->contacts;
        seen_.insert(id);
      } else if (use.kind == "skipped") {
        ++tally->skipped;
        seen_.insert(id);
      } else {
        Refuse(path, reader, std::move(use), tally);
      }
    }
    return true;
  }

  // The events in event-time order (a stable sort: a case's own events
  // keep theirs where times tie).
  std::vector<const v1::ContactEvent*> EventsInTimeOrder() const {
    std::vector<const v1::ContactEvent*> order;
    order.reserve(static_cast<size_t>(events_.size()));
    for (const v1::ContactEvent& e : events_) order.push_back(&e);
    std::stable_sort(order.begin(), order.end(), [](const v1::ContactEvent* a, const v1::ContactEvent* b) {
      return google::protobuf::util::TimeUtil::TimestampToMicroseconds(a->event_time()) <
             google::protobuf::util::TimeUtil::TimestampToMicroseconds(b->event_time());
    });
    return order;
  }

  const std::vector<RejectedLine>& refused() const { return refused_; }

 private:
  void Refuse(const std::string& path, const CsvRecordReader& reader, CaseRowUse use, FileTally* tally) {
    ++tally->refused[std::string(use.kind)];
    if (static_cast<int>(refused_.size()) < kRefusalsShown) {
      err_ << path << ":" << reader.line() << ": " << use.kind << ": " << use.detail << "\n";
    }
    refused_.push_back({.text = reader.text(),
                        .file = path,
                        .offset = reader.offset(),
                        .reason = std::string(use.kind),
                        .detail = std::move(use.detail)});
  }

  CaseExportEvents rows_;
  std::ostream& err_;
  google::protobuf::RepeatedPtrField<v1::ContactEvent> events_;
  std::set<std::string> seen_;
  std::vector<RejectedLine> refused_;
};

int WriteJsonLines(const std::string& path, const std::vector<const v1::ContactEvent*>& events, std::ostream& err) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::string line;
  for (const v1::ContactEvent* e : events) {
    line.clear();
    (void)google::protobuf::util::MessageToJsonString(*e, &line, google::protobuf::util::JsonPrintOptions());
    out << line << "\n";
  }
  out.close();
  if (!out) {
    err << "ontime import: cannot write " << path << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int RunImport(const ImportOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 78;
  }
  CaseImportMappingResult mapping = LoadCaseImportMapping(options.mapping_path, &loaded.config);
  if (!mapping.ok()) {
    for (const ConfigError& e : mapping.errors) err << e.ToString() << "\n";
    return 78;
  }
  Importer importer(mapping.mapping, err);
  for (const std::string& path : options.csv_paths) {
    FileTally tally;
    if (!importer.Read(path, &tally)) return 1;
    out << path << ": " << tally.rows << " rows: " << tally.contacts << " contacts, " << tally.skipped
        << " skipped by the mapping";
    int64_t refused = 0;
    for (const auto& [kind, n] : tally.refused) refused += n;
    out << ", " << refused << " refused";
    const char* separator = " (";
    for (const auto& [kind, n] : tally.refused) {
      out << separator << kind << " " << n;
      separator = ", ";
    }
    out << (tally.refused.empty() ? "" : ")") << "\n";
  }
  const std::vector<const v1::ContactEvent*> events = importer.EventsInTimeOrder();
  const int64_t refused = static_cast<int64_t>(importer.refused().size());
  if (refused > kRefusalsShown) err << "(" << refused - kRefusalsShown << " more refused rows not shown)\n";
  const int refused_code = refused > 0 ? 65 : 0;
  if (!options.out_path.empty()) {
    if (int code = WriteJsonLines(options.out_path, events, err); code != 0) return code;
    out << events.size() << " events written to " << options.out_path << "\n";
    return refused_code;
  }

  const LoadedConfig& config = loaded.config;
  std::map<std::string, std::string> kafka = config.runtime.kafka;
  if (!options.brokers.empty()) kafka["bootstrap.servers"] = options.brokers;
  if (kafka["bootstrap.servers"] == "embedded") {
    err << "ontime import: it needs a real broker: give --brokers HOST:PORT or kafka.bootstrap.servers "
           "(or --out FILE for JSON lines)\n";
    return 64;
  }
  if (!kafka.count("client.id")) kafka["client.id"] = "ontime-import";
  KafkaProducer producer;
  if (absl::Status s = producer.Open(kafka); !s.ok()) {
    err << "ontime import: " << s.message() << "\n";
    return 1;
  }
  const ShipperTopics topics = ShipperTopicsFor(config.runtime.ingest, options.topic);
  EventShipment shipment(producer, topics);
  absl::Status sent;
  for (const v1::ContactEvent* e : events) {
    if (sent = shipment.Send(*e); !sent.ok()) break;
  }
  if (sent.ok() && !topics.dead_letters.empty()) {
    for (const RejectedLine& row : importer.refused()) {
      if (sent = shipment.SendDeadLetter("import", row); !sent.ok()) break;
    }
  }
  if (sent.ok()) sent = shipment.AwaitAcknowledged(nullptr);
  if (!sent.ok()) {
    err << "ontime import: the broker did not acknowledge every event (" << sent.message()
        << "); importing again sends them again, and what arrived twice counts once\n";
    return 1;
  }
  out << events.size() << " events acknowledged on " << topics.events;
  if (!topics.dead_letters.empty() && refused > 0) out << ", " << refused << " refused rows on " << topics.dead_letters;
  out << "\n";
  return refused_code;
}

}  // namespace ontime
