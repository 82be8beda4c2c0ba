#pragma once
// radsynth-cli commands register themselves here; app/cli/commands/<group>.cpp holds each group.
// A command gets its own arguments (without the program and command names), prints results to
// stdout and, on failure, one line "radsynth-cli <command>: <reason>" to stderr; returns the exit code.
#include <QStringList>

#include <functional>
#include <string>
#include <vector>

namespace radsynth::cli {

struct Command {
    std::string name;
    std::string summary;
    std::function<int(const QStringList &arguments)> run;
};

class Registry {
public:
    static bool add(Command command);
    static const std::vector<Command> &commands();
    static const Command *find(const std::string &name);
};

// Prints "radsynth-cli <command>: <reason>" to stderr and returns exit code 1 (or `code`).
int fail(const std::string &command, const std::string &reason, int code = 1);

} // namespace radsynth::cli

#define RADSYNTH_CLI_CONCAT_INNER(a, b) a##b
#define RADSYNTH_CLI_CONCAT(a, b) RADSYNTH_CLI_CONCAT_INNER(a, b)
#define RADSYNTH_CLI_COMMAND(name, summary, function)                                                             \
    static const bool RADSYNTH_CLI_CONCAT(radsynthCliRegistered_, __LINE__) =                                     \
        ::radsynth::cli::Registry::add(::radsynth::cli::Command{name, summary, function})
