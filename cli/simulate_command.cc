#include "cli/simulate_command.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <ostream>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "kafka/kafka_producer.h"
#include "simulator/traffic_simulator.h"

namespace ontime {

int RunSimulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SimulationOptions options;
  std::string path, format = "json", brokers, topic = "contact-events";
  // Pacing, at most one: simulated seconds per real second (the traffic's
  // own shape, faster), or events per second (even, for benchmarks).
  double speed_up = 0;
  double rate = 0;
  for (size_t i = 0; i < args.size(); i += 2) {
    if (i + 1 >= args.size()) {
      err << "ontime simulate: " << args[i] << " needs a value\n";
      return 64;
    }
    const std::string& flag = args[i];
    const std::string& value = args[i + 1];
    bool ok = true;
    if (flag == "--out") {
      path = value;
    } else if (flag == "--brokers") {
      brokers = value;
    } else if (flag == "--topic") {
      topic = value;
    } else if (flag == "--format") {
      format = value;
      ok = format == "json" || format == "protobuf";
    } else if (flag == "--from") {
      ok = absl::ParseCivilTime(value, &options.first_day);
    } else if (flag == "--days") {
      ok = absl::SimpleAtoi(value, &options.days) && options.days > 0;
    } else if (flag == "--calls-per-day") {
      ok = absl::SimpleAtoi(value, &options.calls_per_weekday) && options.calls_per_weekday > 0;
    } else if (flag == "--seed") {
      ok = absl::SimpleAtoi(value, &options.seed);
    } else if (flag == "--speed-up") {
      ok = absl::SimpleAtod(value, &speed_up) && speed_up > 0;
    } else if (flag == "--rate") {
      ok = absl::SimpleAtod(value, &rate) && rate > 0;
    } else if (flag == "--time-zone") {
      absl::TimeZone zone;
      options.time_zone = value;
      ok = absl::LoadTimeZone(value, &zone);
    } else {
      err << "ontime simulate: unknown option " << flag << "\n";
      return 64;
    }
    if (!ok) {
      err << "ontime simulate: bad value for " << flag << ": " << value << "\n";
      return 64;
    }
  }
  if (path.empty() == brokers.empty()) {
    err << "ontime simulate: give either --out FILE or --brokers HOST:PORT [--topic T]\n";
    return 64;
  }
  std::ofstream file;
  KafkaProducer producer;
  if (!path.empty()) {
    file.open(path, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "cannot write " << path << "\n";
      return 1;
    }
  } else if (absl::Status s = producer.Open({{"bootstrap.servers", brokers}}); !s.ok()) {
    err << s.message() << "\n";
    return 1;
  }
  int64_t events = 0;
  std::string buffer;
  absl::Status sent;
  google::protobuf::util::JsonPrintOptions json;
  // Pacing starts at the first event, once the traffic is generated.
  absl::Time wall_start = absl::InfinitePast();
  absl::Time first_delivery = absl::InfinitePast();
  const int64_t contacts = Simulate(options, [&](const SimulatedEvent& e) {
    if (!sent.ok()) return;
    if (speed_up > 0 || rate > 0) {
      if (first_delivery == absl::InfinitePast()) {
        first_delivery = e.delivered;
        wall_start = absl::Now();
      }
      const absl::Time due = speed_up > 0 ? wall_start + (e.delivered - first_delivery) / speed_up
                                          : wall_start + absl::Seconds(static_cast<double>(events) / rate);
      if (due > absl::Now()) {
        if (!brokers.empty()) producer.Poll();
        absl::SleepFor(due - absl::Now());
      }
    }
    ++events;
    if (format == "json") {
      buffer.clear();
      (void)google::protobuf::util::MessageToJsonString(e.event, &buffer, json);
    } else {
      buffer = e.event.SerializeAsString();
    }
    if (!brokers.empty()) {
      const int64_t micros = e.event.event_time().seconds() * 1000000 + e.event.event_time().nanos() / 1000;
      sent = producer.Send({.topic = topic, .key = e.event.contact_id(), .value = buffer, .timestamp = absl::FromUnixMicros(micros)});
    } else if (format == "json") {
      file << buffer << '\n';
    } else {
      uint64_t size = buffer.size();
      while (size >= 0x80) {
        file.put(static_cast<char>((size & 0x7f) | 0x80));
        size >>= 7;
      }
      file.put(static_cast<char>(size));
      file << buffer;
    }
  });
  if (!brokers.empty()) {
    if (sent.ok()) sent = producer.Close();
    if (!sent.ok()) {
      err << sent.message() << "\n";
      return 1;
    }
    path = "topic " + topic + " at " + brokers;
  } else if (!file.flush()) {
    err << "writing " << path << " failed\n";
    return 1;
  }
  out << "simulated " << contacts << " contacts, " << events << " events over " << options.days
      << " days from " << options.first_day << " into " << path << "\n";
  return 0;
}

}  // namespace ontime
