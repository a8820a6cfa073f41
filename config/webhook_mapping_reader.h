// The `mapping:` of a webhook (config/webhook_mapping.h), with
// file:line:column for each mistake: a brace not closed, a channel or event
// type that does not exist, a field every event needs left out.
#ifndef ONTIME_CONFIG_WEBHOOK_MAPPING_READER_H_
#define ONTIME_CONFIG_WEBHOOK_MAPPING_READER_H_

#include <string_view>

#include "config/webhook_mapping.h"
#include "config/yaml_reader.h"

namespace ontime {

void ReadWebhookMapping(YamlReader& r, const YAML::Node& node, WebhookMapping* out);

// "{ticket.id}-x" into its parts; false (with *why) for a brace not closed
// or an empty path.
bool ParseTemplate(std::string_view text, Template* out, std::string* why);

}  // namespace ontime

#endif  // ONTIME_CONFIG_WEBHOOK_MAPPING_READER_H_
