#pragma once
// Logging: spdlog, console + rotating file in the user's data folder.
// Rule: never log patient names, IDs or birth dates. Log file paths, UIDs are allowed only
// through redactUid() (hash), never raw patient attributes. tests/common checks this.
#include <spdlog/spdlog.h>
#include <string>

namespace radsynth::log {

struct Options {
    std::string directory;        // empty: Paths::logDirectory()
    bool console = true;
    spdlog::level::level_enum level = spdlog::level::info;
};

// Sets up the default logger "radsynth". Safe to call more than once.
void initialize(const Options &options = {});
std::string logFilePath();
// A short stable pseudonym for an identifier (for correlating log lines without exposing it).
std::string pseudonym(const std::string &identifier);

} // namespace radsynth::log
