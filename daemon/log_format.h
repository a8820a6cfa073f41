// ontimed's log lines on stderr: text for a person at a terminal, or JSON
// lines for a collector, one object a line with stable keys:
//
//   {"time":"2026-12-02T15:04:05.123Z","level":"info","logger":"ontimed","message":"drained: ..."}
//
// Under the service manager each line starts with the priority journald
// reads the level from ("<6>" for info, sd-daemon(3)), then the object.
#ifndef ONTIME_DAEMON_LOG_FORMAT_H_
#define ONTIME_DAEMON_LOG_FORMAT_H_

#include <spdlog/formatter.h>

#include <memory>

#include "config/daemon_settings.h"

namespace ontime {

// `journal`: prefix each line with its syslog priority.
std::unique_ptr<spdlog::formatter> JsonLogFormatter(bool journal);

// Whether stderr is the service manager's journal ($JOURNAL_STREAM names
// stderr's device and inode) and not a terminal.
bool StderrIsTheJournal();

// Sets the default logger's format: `format`, or for kAuto JSON when
// stderr is the journal and text otherwise.
void UseLogFormat(DaemonRunSettings::LogFormat format);

}  // namespace ontime

#endif  // ONTIME_DAEMON_LOG_FORMAT_H_
