// The Alertmanager configuration ontime writes: service hours from the
// calendars (days sharing hours in one entry, the calendar's time zone as
// location, holidays muted), urgent levels at any hour, receivers by the
// most specific name given, and an empty receiver where none is.
#include "alerts/alertmanager_config.h"

#include <yaml-cpp/yaml.h>

#include "alerts/alert_routes.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/london_time.h"

namespace ontime {
namespace {

CalendarSpec Council() {
  CalendarSpec council = testing::WeekdayCalendar("council", 8 * 60 + 30, 17 * 60);
  council.opening_hours[4] = {{8 * 3600 + 1800, 16 * 3600 + 1800}};
  council.holidays = {absl::CivilDay(2026, 12, 25), absl::CivilDay(2026, 12, 28)};
  return council;
}

AlertSettings Settings() {
  AlertSettings alerts;
  alerts.topic = "ontime-alerts";
  alerts.services["default"].calendar = "council";
  alerts.services["housing"] = {.calendar = "council", .urgent_levels = {"head_of_service"}};
  return alerts;
}

YAML::Node RouteFor(const YAML::Node& config, const std::string& service, const std::string& level) {
  const YAML::Node ontime = config["route"]["routes"][0];
  EXPECT_EQ(ontime["matchers"][0].as<std::string>(), "source=\"ontime\"");
  for (const YAML::Node& route : ontime["routes"]) {
    std::vector<std::string> matchers = route["matchers"].as<std::vector<std::string>>();
    const std::string want_level = "level=\"" + level + "\"";
    const bool service_matches = service.empty() ? matchers.size() == 1
                                                 : matchers.front() == "service=\"" + service + "\"";
    if (service_matches && matchers.back() == want_level) return route;
  }
  ADD_FAILURE() << "no route for " << service << "/" << level;
  return {};
}

TEST(AlertmanagerConfig, ServiceHoursComeFromTheCalendar) {
  const AlertRoutes routes = PlanAlertRoutes(Settings(), {"housing", "waste"});
  absl::StatusOr<std::string> text = AlertmanagerConfig(routes, {Council()}, "");
  ASSERT_TRUE(text.ok()) << text.status();
  const YAML::Node config = YAML::Load(*text);

  const YAML::Node intervals = config["time_intervals"];
  ASSERT_EQ(intervals.size(), 2u);
  EXPECT_EQ(intervals[0]["name"].as<std::string>(), "council-open");
  const YAML::Node open = intervals[0]["time_intervals"];
  ASSERT_EQ(open.size(), 2u) << "Monday to Thursday share their hours; Friday closes earlier";
  EXPECT_THAT(open[0]["weekdays"].as<std::vector<std::string>>(),
              ::testing::ElementsAre("monday", "tuesday", "wednesday", "thursday"));
  EXPECT_EQ(open[0]["times"][0]["start_time"].as<std::string>(), "08:30");
  EXPECT_EQ(open[0]["times"][0]["end_time"].as<std::string>(), "17:00");
  EXPECT_EQ(open[0]["location"].as<std::string>(), "Europe/London");
  EXPECT_EQ(open[1]["times"][0]["end_time"].as<std::string>(), "16:30");
  EXPECT_EQ(intervals[1]["name"].as<std::string>(), "council-holidays");
  ASSERT_EQ(intervals[1]["time_intervals"].size(), 2u);
  EXPECT_EQ(intervals[1]["time_intervals"][1]["days_of_month"][0].as<std::string>(), "28");
  EXPECT_EQ(intervals[1]["time_intervals"][1]["months"][0].as<std::string>(), "12");

  const YAML::Node team_lead = RouteFor(config, "waste", "team_lead");
  EXPECT_EQ(team_lead["active_time_intervals"][0].as<std::string>(), "council-open");
  EXPECT_EQ(team_lead["mute_time_intervals"][0].as<std::string>(), "council-holidays");
  const YAML::Node urgent = RouteFor(config, "housing", "head_of_service");
  EXPECT_FALSE(urgent["active_time_intervals"]) << "an urgent level goes at any hour";
  EXPECT_FALSE(urgent["mute_time_intervals"]);
  EXPECT_TRUE(RouteFor(config, "", "service_manager")["active_time_intervals"]) << "every other service";
}

TEST(AlertmanagerConfig, RoutesGoToTheMostSpecificReceiverGiven) {
  const AlertRoutes routes = PlanAlertRoutes(Settings(), {"housing", "waste"});
  const std::string receivers = R"(receivers:
  - name: housing-service_manager
    webhook_configs: [{url: "http://127.0.0.1:1/housing"}]
  - name: service_manager
    webhook_configs: [{url: "http://127.0.0.1:1/managers"}]
)";
  absl::StatusOr<std::string> text = AlertmanagerConfig(routes, {Council()}, receivers);
  ASSERT_TRUE(text.ok()) << text.status();
  const YAML::Node config = YAML::Load(*text);
  EXPECT_EQ(RouteFor(config, "housing", "service_manager")["receiver"].as<std::string>(), "housing-service_manager");
  EXPECT_EQ(RouteFor(config, "waste", "service_manager")["receiver"].as<std::string>(), "service_manager");
  EXPECT_EQ(RouteFor(config, "waste", "team_lead")["receiver"].as<std::string>(), "team_lead");
  std::vector<std::string> names;
  for (const YAML::Node& r : config["receivers"]) names.push_back(r["name"].as<std::string>());
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("housing-service_manager", "service_manager", "ontime-default",
                                                     "team_lead", "head_of_service"));
  EXPECT_EQ(config["receivers"][0]["webhook_configs"][0]["url"].as<std::string>(), "http://127.0.0.1:1/housing")
      << "the organisation's receivers are copied as they are";
  EXPECT_THAT(*text, ::testing::HasSubstr("# Receivers with nothing to send to (add them with --receivers FILE): "
                                          "ontime-default team_lead head_of_service"));
}

TEST(AlertmanagerConfig, AReceiversFileThatIsNotAListIsRefused) {
  const AlertRoutes routes = PlanAlertRoutes(Settings(), {});
  EXPECT_FALSE(AlertmanagerConfig(routes, {Council()}, "receivers: {name: x}").ok());
  EXPECT_FALSE(AlertmanagerConfig(routes, {Council()}, "- {url: x}").ok()) << "a receiver without a name";
  EXPECT_FALSE(AlertmanagerConfig(routes, {Council()}, "[unclosed").ok());
}

}  // namespace
}  // namespace ontime
