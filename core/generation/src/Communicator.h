#pragma once
// The ranks of one data-parallel training run (Distributed.h), over LibTorch's c10d: a store for
// the rendezvous (FileStore or TCPStore) and ProcessGroupGloo for the collectives. CUDA tensors
// are reduced through the host (Debian's LibTorch has no NCCL).
#include "radsynth/generation/Distributed.h"

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace radsynth::generation {

class Communicator {
public:
    // One per process and rendezvous: a second call with the same options returns the same group.
    static Outcome<std::shared_ptr<Communicator>> connect(const DistributedOptions &options);
    // The group of these options when connect() has made it, else null (never connects).
    static std::shared_ptr<Communicator> connected(const DistributedOptions &options);
    ~Communicator();

    int rank() const { return m_rank; }
    int worldSize() const { return m_worldSize; }
    // Sums the tensors over every rank, in place (one flat buffer, one collective).
    Status allReduceSum(const std::vector<torch::Tensor> &tensors);
    // Rank 0's values into every rank's tensors.
    Status broadcast(const std::vector<torch::Tensor> &tensors);
    Status barrier();

    struct Group;

private:
    Communicator() = default;
    std::unique_ptr<Group> m_group;
    int m_rank = 0, m_worldSize = 1;
};

} // namespace radsynth::generation
