#pragma once
// Data-parallel training across processes and nodes (torch-free interface; the process group is
// LibTorch's c10d: ProcessGroupGloo, which all-reduces CPU tensors, and CUDA tensors through the
// host). docs/SCALING.md, "Training on several processes".
//
// Where a rank learns who it is, in this order:
//  1. RADSYNTH_RANK, RADSYNTH_WORLD_SIZE and either RADSYNTH_STORE (a file every rank can reach:
//     c10d FileStore; what `radsynth-cli train --ranks N` sets for its child processes) or
//     RADSYNTH_MASTER_ADDR / RADSYNTH_MASTER_PORT (c10d TCPStore served by rank 0);
//  2. inside `srun`: SLURM_PROCID and SLURM_STEP_NUM_TASKS, with the store at MASTER_ADDR (else the
//     first host of SLURM_JOB_NODELIST) and MASTER_PORT (else 20000 + SLURM_JOB_ID % 20000);
//  3. otherwise one rank.
#include "radsynth/generation/Status.h"

#include <string>

namespace radsynth::generation {

struct DistributedOptions {
    int rank = 0;
    int worldSize = 1;
    std::string masterAddress = "127.0.0.1";
    int masterPort = 29500;
    std::string storePath;       // non-empty: a FileStore rendezvous instead of TCP
    int timeoutSeconds = 1800;   // a collective waits this long for the slowest rank
    bool enabled() const { return worldSize > 1; }
};

// From the environment (above); an error names the variable that is wrong.
Outcome<DistributedOptions> distributedFromEnvironment();
// The first host of a Slurm node list: "gpu[03-05,9],cpu1" -> "gpu03".
std::string firstSlurmHost(const std::string &nodeList);
// Whether this build has c10d (ProcessGroupGloo): false where Gloo's headers were missing at build time.
bool distributedAvailable();

} // namespace radsynth::generation
