// c10d process groups for data-parallel training (Communicator.h).
#include "Communicator.h"

#ifdef RADSYNTH_HAVE_C10D
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

#include <cstdlib>
#include <mutex>

namespace radsynth::generation {

#ifdef RADSYNTH_HAVE_C10D
struct Communicator::Group {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};
#else
struct Communicator::Group {};
#endif

Communicator::~Communicator() = default;

bool distributedAvailable()
{
#ifdef RADSYNTH_HAVE_C10D
    return true;
#else
    return false;
#endif
}

namespace {
std::string firstLine(const std::exception &e)
{
    const std::string what = e.what();
    return what.substr(0, what.find('\n'));
}

// The process's group, made once per rendezvous.
std::mutex g_mutex;
std::shared_ptr<Communicator> g_current;
std::string g_currentKey;

std::string keyOf(const DistributedOptions &options)
{
    return std::to_string(options.rank) + "/" + std::to_string(options.worldSize) + "@" +
           (options.storePath.empty() ? options.masterAddress + ":" + std::to_string(options.masterPort) : options.storePath);
}
} // namespace

std::shared_ptr<Communicator> Communicator::connected(const DistributedOptions &options)
{
    if (!options.enabled())
        return nullptr;
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_currentKey == keyOf(options) ? g_current : nullptr;
}

Outcome<std::shared_ptr<Communicator>> Communicator::connect(const DistributedOptions &options)
{
    using R = Outcome<std::shared_ptr<Communicator>>;
#ifndef RADSYNTH_HAVE_C10D
    (void)options;
    return R::failure("this build has no c10d process groups (Gloo's headers, Debian's libgloo-dev, were missing when it was built): "
                      "train on one process, or rebuild");
#else
    const std::string key = keyOf(options);
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_current && g_currentKey == key)
        return g_current;
    const auto timeout = std::chrono::milliseconds(int64_t(options.timeoutSeconds) * 1000);
    try {
        std::shared_ptr<Communicator> c(new Communicator());
        c->m_group = std::make_unique<Group>();
        c->m_rank = options.rank;
        c->m_worldSize = options.worldSize;
        if (!options.storePath.empty()) {
            c->m_group->store = c10::make_intrusive<c10d::FileStore>(options.storePath, options.worldSize);
        } else {
            c10d::TCPStoreOptions store;
            store.port = uint16_t(options.masterPort);
            store.isServer = options.rank == 0;
            store.numWorkers = size_t(options.worldSize);
            store.timeout = timeout;
            c->m_group->store = c10::make_intrusive<c10d::TCPStore>(options.masterAddress, store);
        }
        c->m_group->store->setTimeout(timeout);
        auto groupOptions = c10d::ProcessGroupGloo::Options::create(timeout);
        // The network interface: GLOO_SOCKET_IFNAME when set (clusters with several networks), the
        // loopback for a rendezvous on this machine, else the address this host's name resolves to.
        const char *interface = std::getenv("GLOO_SOCKET_IFNAME");
        const bool local = !options.storePath.empty() || options.masterAddress == "127.0.0.1" || options.masterAddress == "localhost";
        groupOptions->devices.push_back(interface && *interface ? c10d::ProcessGroupGloo::createDeviceForInterface(interface)
                                        : local                ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                                               : c10d::ProcessGroupGloo::createDefaultDevice());
        groupOptions->threads = 2;
        c->m_group->group = c10::make_intrusive<c10d::ProcessGroupGloo>(c->m_group->store, options.rank, options.worldSize, groupOptions);
        g_current = c;
        g_currentKey = key;
        return c;
    } catch (const std::exception &e) {
        return R::failure("cannot join the training ranks (rank " + std::to_string(options.rank) + " of " + std::to_string(options.worldSize) +
                          (options.storePath.empty() ? " at " + options.masterAddress + ":" + std::to_string(options.masterPort)
                                                     : " through " + options.storePath) +
                          "): " + firstLine(e));
    }
#endif
}

#ifdef RADSYNTH_HAVE_C10D
namespace {
// Runs one collective; c10d's exceptions become an error that names it.
template <typename Body>
Status collective(const char *what, Body &&body)
{
    try {
        body();
        return Status::ok();
    } catch (const std::exception &e) {
        return Status::error(std::string(what) + " across the training ranks failed: " + firstLine(e));
    }
}
} // namespace

Status Communicator::allReduceSum(const std::vector<torch::Tensor> &tensors)
{
    if (tensors.empty())
        return Status::ok();
    return collective("all-reduce", [&] {
        std::vector<torch::Tensor> flat;
        for (const torch::Tensor &t : tensors)
            flat.push_back(t.detach().to(torch::kCPU, torch::kFloat32).reshape({-1}));
        std::vector<torch::Tensor> buffer{torch::cat(flat)};
        m_group->group->allreduce(buffer)->wait();
        torch::NoGradGuard noGrad;
        int64_t offset = 0;
        for (const torch::Tensor &t : tensors) {
            t.copy_(buffer[0].narrow(0, offset, t.numel()).view(t.sizes()));
            offset += t.numel();
        }
    });
}

Status Communicator::broadcast(const std::vector<torch::Tensor> &tensors)
{
    return collective("broadcast", [&] {
        torch::NoGradGuard noGrad;
        for (const torch::Tensor &t : tensors) {
            std::vector<torch::Tensor> one{t.detach().to(torch::kCPU).contiguous()};
            m_group->group->broadcast(one)->wait();
            t.copy_(one[0]);
        }
    });
}

Status Communicator::barrier()
{
    return collective("the barrier", [&] { m_group->group->barrier()->wait(); });
}
#else
// Never reached: connect() refuses without c10d.
Status Communicator::allReduceSum(const std::vector<torch::Tensor> &) { return Status::error("no c10d in this build"); }
Status Communicator::broadcast(const std::vector<torch::Tensor> &) { return Status::error("no c10d in this build"); }
Status Communicator::barrier() { return Status::error("no c10d in this build"); }
#endif

} // namespace radsynth::generation
