#include "collectors/json_event_decoder.h"

#include <simdjson.h>

#include <cstdint>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

struct JsonEventDecoder::Parser {
  simdjson::dom::parser dom;
};

JsonEventDecoder::JsonEventDecoder() : parser_(std::make_unique<Parser>()) {}
JsonEventDecoder::~JsonEventDecoder() = default;

absl::Status JsonEventDecoder::Fail(DecodeFailure failure, std::string reason) {
  failure_ = failure;
  return absl::InvalidArgumentError(std::move(reason));
}

namespace {

int Digits(std::string_view text, size_t at, size_t count) {
  int value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// RFC 3339 as protobuf's Timestamp parser takes it, to seconds and nanos.
bool ParseStamp(std::string_view text, RawEvent::Stamp* out) {
  // YYYY-MM-DDTHH:MM:SS
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':') {
    return false;
  }
  const int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  const int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2);
  if (year < 1 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) return false;
  const absl::CivilSecond civil(year, month, day, hour, minute, second);
  // Out-of-range fields (31 April, 24:00, a leap second) normalise: refused.
  if (civil.year() != year || civil.month() != month || civil.day() != day || civil.hour() != hour ||
      civil.minute() != minute || civil.second() != second) {
    return false;
  }
  size_t at = 19;
  int64_t nanos = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    // Digits past the ninth are dropped, as protobuf's parser drops them.
    int digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      if (++digits <= 9) nanos = nanos * 10 + (text[at] - '0');
      ++at;
    }
    if (digits == 0) return false;
    for (int i = digits; i < 9; ++i) nanos *= 10;
  }
  int64_t offset_seconds = 0;
  if (at < text.size() && text[at] == 'Z') {
    ++at;
  } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
    const int oh = Digits(text, at + 1, 2), om = Digits(text, at + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return false;
    offset_seconds = (text[at] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    at += 6;
  } else {
    return false;
  }
  if (at != text.size()) return false;
  out->seconds = (civil - absl::CivilSecond(1970, 1, 1, 0, 0, 0)) - offset_seconds;
  out->nanos = nanos;
  return true;
}

// "1" for a known value: digits only, no sign or spaces.
bool ParseQuotedNumber(std::string_view text, bool (*is_valid)(int), int* out) {
  if (text.empty() || text.size() > 9) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (!is_valid(value)) return false;
  *out = value;
  return true;
}

// An enum given by name (unknown names leave it unset, as protobuf's parser
// does when told to ignore unknown fields) or by number.
bool ReadEnum(simdjson::dom::element value, bool (*parse)(std::string_view, int*), bool (*is_valid)(int),
              int* out) {
  std::string_view name;
  int64_t number = 0;
  if (value.is_null()) {
    *out = 0;
  } else if (value.get_string().get(name) == simdjson::SUCCESS) {
    // A name, or a known value's number written as a string ("1"), as
    // protobuf takes it; anything else leaves the field unset.
    if (!parse(name, out) && !ParseQuotedNumber(name, is_valid, out)) *out = 0;
  } else if (value.get_int64().get(number) == simdjson::SUCCESS && number >= INT32_MIN && number <= INT32_MAX) {
    *out = static_cast<int>(number);
  } else {
    return false;
  }
  return true;
}

bool ParseEventType(std::string_view name, int* out) {
  v1::EventType value;
  if (!v1::EventType_Parse(std::string(name), &value)) return false;
  *out = value;
  return true;
}

bool ParseChannel(std::string_view name, int* out) {
  v1::Channel value;
  if (!v1::Channel_Parse(std::string(name), &value)) return false;
  *out = value;
  return true;
}

bool ReadString(simdjson::dom::element value, std::string_view* out) {
  if (value.is_null()) {
    *out = {};
    return true;
  }
  return value.get_string().get(*out) == simdjson::SUCCESS;
}

// int32: a number (an integral one), or a string holding one.
bool ReadInt32(simdjson::dom::element value, int32_t* out) {
  int64_t number = 0;
  double real = 0;
  std::string_view text;
  if (value.is_null()) {
    *out = 0;
    return true;
  }
  if (value.get_int64().get(number) == simdjson::SUCCESS) {
  } else if (value.get_double().get(real) == simdjson::SUCCESS) {
    if (real != static_cast<double>(static_cast<int64_t>(real))) return false;
    number = static_cast<int64_t>(real);
  } else if (value.get_string().get(text) == simdjson::SUCCESS) {
    if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &number)) return false;
  } else {
    return false;
  }
  if (number < INT32_MIN || number > INT32_MAX) return false;
  *out = static_cast<int32_t>(number);
  return true;
}

bool ReadStamp(simdjson::dom::element value, std::optional<RawEvent::Stamp>* out) {
  std::string_view text;
  if (value.is_null()) {
    out->reset();
    return true;
  }
  RawEvent::Stamp stamp;
  // The message form too ({"seconds": 5, "nanos": 0}, {} the epoch), as
  // protobuf's parser reads it.
  simdjson::dom::object object;
  if (value.get_object().get(object) == simdjson::SUCCESS) {
    for (auto field : object) {
      int64_t number = 0;
      std::string_view digits;
      if (field.value.get_int64().get(number) != simdjson::SUCCESS &&
          !(field.value.get_string().get(digits) == simdjson::SUCCESS &&
            absl::SimpleAtoi(absl::string_view(digits.data(), digits.size()), &number))) {
        if (field.key == "seconds" || field.key == "nanos") return false;
        continue;
      }
      if (field.key == "seconds") stamp.seconds = number;
      if (field.key == "nanos") stamp.nanos = number;
    }
    *out = stamp;
    return true;
  }
  if (value.get_string().get(text) != simdjson::SUCCESS || !ParseStamp(text, &stamp)) return false;
  *out = stamp;
  return true;
}

// A map<string, string>: an object of strings (or null).
bool CheckStringMap(simdjson::dom::element value) {
  if (value.is_null()) return true;
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return false;
  for (auto field : object) {
    if (!field.value.is_string()) return false;
  }
  return true;
}

}  // namespace

bool ParseRfc3339(std::string_view text, absl::Time* out) {
  RawEvent::Stamp stamp;
  if (!ParseStamp(text, &stamp)) return false;
  *out = absl::FromUnixSeconds(stamp.seconds) + absl::Microseconds(stamp.nanos / 1000);
  return true;
}

absl::Status JsonEventDecoder::Decode(std::string_view json, Event* event) {
  failure_ = DecodeFailure::kNone;
  simdjson::dom::element root;
  if (parser_->dom.parse(json.data(), json.size(), true).get(root) != simdjson::SUCCESS) {
    return Fail(DecodeFailure::kUndecodable, "not a JSON ontime.v1.ContactEvent: not JSON");
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return Fail(DecodeFailure::kUndecodable, "not a JSON ontime.v1.ContactEvent: not an object");
  }
  RawEvent raw;
  for (auto field : object) {
    const std::string_view key = field.key;
    const simdjson::dom::element value = field.value;
    bool ok = true;
    if (key == "eventId" || key == "event_id") {
      ok = ReadString(value, &raw.event_id);
    } else if (key == "contactId" || key == "contact_id") {
      ok = ReadString(value, &raw.contact_id);
    } else if (key == "type") {
      ok = ReadEnum(value, ParseEventType, v1::EventType_IsValid, &raw.type);
    } else if (key == "eventTime" || key == "event_time") {
      ok = ReadStamp(value, &raw.event_time);
    } else if (key == "channel") {
      ok = ReadEnum(value, ParseChannel, v1::Channel_IsValid, &raw.channel);
    } else if (key == "contactType" || key == "contact_type") {
      ok = ReadString(value, &raw.contact_type);
    } else if (key == "service") {
      ok = ReadString(value, &raw.service);
    } else if (key == "site") {
      std::string_view site;
      ok = ReadString(value, &site);
    } else if (key == "customerGroup" || key == "customer_group") {
      ok = ReadString(value, &raw.customer_group);
    } else if (key == "priority") {
      ok = ReadString(value, &raw.priority);
    } else if (key == "promisedTime" || key == "promised_time") {
      ok = ReadStamp(value, &raw.promised_time);
    } else if (key == "satisfactionScore" || key == "satisfaction_score") {
      ok = ReadInt32(value, &raw.satisfaction_score);
    } else if (key == "attributes") {
      ok = CheckStringMap(value);
    }
    // Any other field: a newer producer's, ignored.
    if (!ok) {
      return Fail(DecodeFailure::kUndecodable,
                  absl::StrCat("not a JSON ontime.v1.ContactEvent: ", std::string(key), " has the wrong type"));
    }
  }
  return CheckEvent(raw, event, &failure_);
}

}  // namespace ontime
