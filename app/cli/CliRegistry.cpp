#include "CliRegistry.h"

#include <algorithm>
#include <cstdio>

namespace radsynth::cli {
namespace {
std::vector<Command> &storage()
{
    static std::vector<Command> commands;
    return commands;
}
} // namespace

bool Registry::add(Command command)
{
    auto &commands = storage();
    commands.push_back(std::move(command));
    std::sort(commands.begin(), commands.end(), [](const Command &a, const Command &b) { return a.name < b.name; });
    return true;
}

const std::vector<Command> &Registry::commands() { return storage(); }

const Command *Registry::find(const std::string &name)
{
    for (const auto &command : storage())
        if (command.name == name)
            return &command;
    return nullptr;
}

int fail(const std::string &command, const std::string &reason, int code)
{
    std::fprintf(stderr, "radsynth-cli %s: %s\n", command.c_str(), reason.c_str());
    return code;
}

} // namespace radsynth::cli
