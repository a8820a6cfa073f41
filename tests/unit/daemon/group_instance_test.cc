// Static group membership by default: the id a restarted ontimed rejoins
// with, and when there is none.
#include <gtest/gtest.h>
#include <unistd.h>

#include "daemon/ontimed.h"

namespace ontime {
namespace {

RuntimeSettings OnABroker(std::string listen) {
  RuntimeSettings settings;
  settings.kafka = {{"bootstrap.servers", "kafka-1:9092"}};
  settings.daemon.listen = std::move(listen);
  return settings;
}

std::string Host() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return host;
}

TEST(GroupInstanceId, IsTheHostAndListenPortByDefault) {
  EXPECT_EQ(GroupInstanceId(OnABroker("0.0.0.0:9464")), Host() + "-9464");
  EXPECT_EQ(GroupInstanceId(OnABroker("[::1]:9500")), Host() + "-9500");
}

TEST(GroupInstanceId, IsTheConfiguredOneWhenGiven) {
  RuntimeSettings settings = OnABroker("0.0.0.0:9464");
  settings.kafka["group.instance.id"] = "ontime-a";
  EXPECT_EQ(GroupInstanceId(settings), "ontime-a");
  settings.kafka["group.instance.id"] = "";
  EXPECT_EQ(GroupInstanceId(settings), std::nullopt);
}

TEST(GroupInstanceId, NoneOnAnEphemeralPortTheEmbeddedKafkaOrWhenTurnedOff) {
  EXPECT_EQ(GroupInstanceId(OnABroker("127.0.0.1:0")), std::nullopt);
  RuntimeSettings embedded = OnABroker("127.0.0.1:9464");
  embedded.kafka["bootstrap.servers"] = "embedded";
  EXPECT_EQ(GroupInstanceId(embedded), std::nullopt);
  RuntimeSettings off = OnABroker("127.0.0.1:9464");
  off.ingest.static_membership = false;
  EXPECT_EQ(GroupInstanceId(off), std::nullopt);
}

}  // namespace
}  // namespace ontime
