// Ranks and rendezvous from the environment (Distributed.h); the standard library only.
#include "radsynth/generation/Distributed.h"

#include <cstdlib>

namespace radsynth::generation {
namespace {

bool readInteger(const char *name, int &out, std::string &error)
{
    const char *text = std::getenv(name);
    if (!text || !*text)
        return false;
    char *end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < 0 || value > 1000000) {
        error = std::string(name) + " is not a number: '" + text + "'";
        return false;
    }
    out = int(value);
    return true;
}

std::string variable(const char *name)
{
    const char *text = std::getenv(name);
    return text ? std::string(text) : std::string();
}

} // namespace

std::string firstSlurmHost(const std::string &nodeList)
{
    const size_t end = nodeList.find_first_of(",[");
    if (end == std::string::npos || nodeList[end] == ',')
        return nodeList.substr(0, end);
    const std::string prefix = nodeList.substr(0, end);
    const size_t stop = nodeList.find_first_of("-,]", end + 1);
    return prefix + nodeList.substr(end + 1, stop == std::string::npos ? std::string::npos : stop - end - 1);
}

Outcome<DistributedOptions> distributedFromEnvironment()
{
    using R = Outcome<DistributedOptions>;
    DistributedOptions o;
    std::string error;
    if (readInteger("RADSYNTH_WORLD_SIZE", o.worldSize, error)) {
        if (!readInteger("RADSYNTH_RANK", o.rank, error))
            return R::failure(error.empty() ? "RADSYNTH_WORLD_SIZE is set but RADSYNTH_RANK is not" : error);
        o.storePath = variable("RADSYNTH_STORE");
        if (!variable("RADSYNTH_MASTER_ADDR").empty())
            o.masterAddress = variable("RADSYNTH_MASTER_ADDR");
        readInteger("RADSYNTH_MASTER_PORT", o.masterPort, error);
    } else if (error.empty() && readInteger("SLURM_STEP_NUM_TASKS", o.worldSize, error)) {
        // One task of `srun` (a batch script itself has no step of several tasks).
        if (!readInteger("SLURM_PROCID", o.rank, error))
            return R::failure(error.empty() ? "SLURM_STEP_NUM_TASKS is set but SLURM_PROCID is not" : error);
        o.masterAddress = !variable("MASTER_ADDR").empty() ? variable("MASTER_ADDR")
                          : !variable("SLURM_JOB_NODELIST").empty() ? firstSlurmHost(variable("SLURM_JOB_NODELIST"))
                                                                     : firstSlurmHost(variable("SLURM_NODELIST"));
        int job = 0;
        if (!readInteger("MASTER_PORT", o.masterPort, error)) {
            o.masterPort = 20000 + (readInteger("SLURM_JOB_ID", job, error) ? job % 20000 : 9500);
        }
        if (o.masterAddress.empty())
            return R::failure("inside srun, but neither MASTER_ADDR nor SLURM_JOB_NODELIST names the first node");
    }
    if (!error.empty())
        return R::failure(error);
    if (o.worldSize < 1 || o.rank >= o.worldSize)
        return R::failure("rank " + std::to_string(o.rank) + " is outside a world of " + std::to_string(o.worldSize));
    if (o.masterPort < 1 || o.masterPort > 65535)
        return R::failure("the rendezvous port " + std::to_string(o.masterPort) + " is not a TCP port");
    return o;
}

} // namespace radsynth::generation
