// Trainer: one stage (component) at a time from the training cache, resumable.
#include "AcquisitionAugment.h"
#include "Communicator.h"
#include "ModelSet.h"
#include "radsynth/generation/CpuRuntime.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/Sha256.h"
#include "radsynth/generation/TrainingCache.h"
#include "radsynth/generation/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <unistd.h>
#include <stdexcept>
#include <thread>

namespace F = torch::nn::functional;

namespace radsynth::generation {

using namespace detail;

namespace {
// Stages of one recipe may train side by side (runRecipe's jobs): a stage's read-modify-write of
// the bundle (creating it, saving its component into the manifest) holds this lock so no
// stage's component is lost from the manifest.
std::mutex g_bundleMutex;
} // namespace

const char *toString(Stage stage)
{
    switch (stage) {
    case Stage::Autoencoder: return "autoencoder";
    case Stage::Align: return "align";
    case Stage::Frontal: return "frontal";
    case Stage::Lateral: return "lateral";
    case Stage::Report: return "report";
    case Stage::Findings: return "findings";
    case Stage::Sentences: return "sentences";
    }
    return "?";
}

bool parseStage(const std::string &text, Stage &out)
{
    for (Stage s : {Stage::Autoencoder, Stage::Align, Stage::Frontal, Stage::Lateral, Stage::Report, Stage::Findings, Stage::Sentences})
        if (text == toString(s)) {
            out = s;
            return true;
        }
    return false;
}

namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Cancelled {};

// Whether every rank is ready (each says whether it is): all of them learn the same answer, so
// none waits in a collective for a rank that gave up.
bool agree(Communicator &ranks, bool ready)
{
    auto count = torch::full({1}, ready ? 1.0 : 0.0);
    return ranks.allReduceSum({count}) && count.item<double>() >= ranks.worldSize() - 0.5;
}

Component componentFor(Stage stage)
{
    switch (stage) {
    case Stage::Autoencoder: return Component::Autoencoder;
    case Stage::Align: return Component::Encoders;
    case Stage::Frontal: return Component::FrontalUNet;
    case Stage::Lateral: return Component::LateralUNet;
    case Stage::Report: return Component::ReportDecoder;
    case Stage::Findings: break; // no diffusion component: see trainFindings
    case Stage::Sentences: break; // no model at all
    }
    return Component::Autoencoder;
}

// Stages whose model reads a conditioning view (what --condition-augment changes).
bool readsConditioningViews(Stage stage)
{
    return stage == Stage::Frontal || stage == Stage::Lateral || stage == Stage::Report;
}

double defaultLearningRate(Stage stage)
{
    switch (stage) {
    case Stage::Autoencoder: return 4e-4;
    case Stage::Align: return 3e-4;
    case Stage::Report: return 5e-4;
    default: return 2e-4;
    }
}

// The cache as tensors (CPU), one split.
struct SplitData {
    torch::Tensor frontal, lateral;   // [N, 1, R, R] float (zeros where absent)
    torch::Tensor hasFrontal, hasLateral, hasReport; // [N] bool
    torch::Tensor reportIds;          // [N, L] long (0 padding)
    std::vector<std::string> reports;
    int64_t size() const { return hasFrontal.defined() ? hasFrontal.size(0) : 0; }
};

torch::Tensor imageTensor(const std::vector<uint16_t> &pixels, int cacheResolution, int resolution)
{
    auto t = torch::empty({1, 1, cacheResolution, cacheResolution}, torch::kFloat32);
    float *d = t.data_ptr<float>();
    for (size_t i = 0; i < pixels.size(); ++i)
        d[i] = float(pixels[i]) / 65535.0f;
    return resizeImages(t, resolution)[0];
}

// `shard` of `shardCount`: only the split's samples i with i % shardCount == shard (data-parallel
// training: each rank reads and decodes only its own shards). The cache holds at least those.
SplitData makeSplit(const TrainingCache &cache, Split split, const ModelConfig &cfg, const Tokenizer *tokenizer, int shard = 0, int shardCount = 1)
{
    SplitData s;
    std::vector<const CacheRecord *> records;
    for (const CacheRecord *r : cache.split(split))
        if (int(r->splitIndex % uint32_t(shardCount)) == shard)
            records.push_back(r);
    const int64_t N = int64_t(records.size()), R = cfg.resolution;
    s.frontal = torch::zeros({N, 1, R, R});
    s.lateral = torch::zeros({N, 1, R, R});
    s.hasFrontal = torch::zeros({N}, torch::kBool);
    s.hasLateral = torch::zeros({N}, torch::kBool);
    s.hasReport = torch::zeros({N}, torch::kBool);
    s.reportIds = torch::zeros({N, cfg.maxTokens}, torch::kLong);
    for (int64_t i = 0; i < N; ++i) {
        const CacheRecord &r = *records[size_t(i)];
        if (r.hasFrontal()) {
            s.frontal[i].copy_(imageTensor(r.frontal, cache.resolution(), cfg.resolution));
            s.hasFrontal[i] = true;
        }
        if (r.hasLateral()) {
            s.lateral[i].copy_(imageTensor(r.lateral, cache.resolution(), cfg.resolution));
            s.hasLateral[i] = true;
        }
        s.reports.push_back(r.report);
        if (r.hasReport() && tokenizer) {
            auto ids = tokenizer->encode(r.report, cfg.maxTokens);
            for (size_t k = 0; k < ids.size(); ++k)
                s.reportIds[i][int64_t(k)] = ids[k];
            s.hasReport[i] = true;
        }
    }
    return s;
}

void writePgm(const std::string &path, const torch::Tensor &grid) // [H, W] 0..1
{
    auto g = (grid.detach().to(torch::kCPU).clamp(0, 1) * 255).round().to(torch::kUInt8).contiguous();
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << g.size(1) << " " << g.size(0) << "\n255\n";
    out.write(reinterpret_cast<const char *>(g.data_ptr<uint8_t>()), std::streamsize(g.numel()));
}

torch::Tensor tileRows(const std::vector<torch::Tensor> &rows) // each [n, 1, R, R]
{
    std::vector<torch::Tensor> lines;
    for (const auto &row : rows) {
        std::vector<torch::Tensor> cells;
        for (int64_t i = 0; i < row.size(0); ++i)
            cells.push_back(row[i][0].to(torch::kCPU));
        lines.push_back(torch::cat(cells, 1));
    }
    return torch::cat(lines, 0);
}

// Copies `source`'s parameters and buffers into `target` where the names match (with `prefix`
// before the source's names); a tensor whose shape differs but has the same rank gets the
// overlapping leading slice, the rest zero. Returns the number of tensors copied.
int copyMatching(torch::nn::Module &target, torch::nn::Module &source, const std::string &prefix)
{
    std::map<std::string, torch::Tensor> from;
    for (const auto &p : source.named_parameters(true))
        from[prefix + p.key()] = p.value();
    for (const auto &b : source.named_buffers(true))
        from[prefix + b.key()] = b.value();
    int copied = 0;
    auto copyInto = [&](const std::string &name, torch::Tensor t) {
        auto it = from.find(name);
        if (it == from.end() || it->second.dim() != t.dim())
            return;
        const torch::Tensor &s = it->second;
        if (s.sizes() == t.sizes()) {
            t.copy_(s);
        } else {
            t.zero_();
            torch::Tensor dst = t, src = s;
            for (int64_t d = 0; d < t.dim(); ++d) {
                const int64_t n = std::min(t.size(d), s.size(d));
                dst = dst.narrow(d, 0, n);
                src = src.narrow(d, 0, n);
            }
            dst.copy_(src);
        }
        ++copied;
    };
    for (auto &p : target.named_parameters(true))
        copyInto(p.key(), p.value());
    for (auto &b : target.named_buffers(true))
        copyInto(b.key(), b.value());
    return copied;
}

// Exponential moving average of a module's parameters (Polyak averaging), the usual way
// diffusion models are sampled: the average over the last ~1 / (1 - decay) steps is smoother than
// any single step's weights. The decay ramps up from (1 + n) / (10 + n) so an average started from
// a warm model does not stay anchored to it. Disabled (decay 0): every call does nothing.
class WeightAverage {
public:
    WeightAverage(torch::nn::Module &module, double decay) : decay_(decay) { restart(module); }
    bool enabled() const { return decay_ > 0; }
    void restart(torch::nn::Module &module)
    {
        if (!enabled())
            return;
        torch::NoGradGuard noGrad;
        average_.clear();
        for (const auto &p : module.parameters(true))
            average_.push_back(p.detach().clone());
        updates_ = 0;
    }
    void update(torch::nn::Module &module)
    {
        if (!enabled())
            return;
        torch::NoGradGuard noGrad;
        const double d = std::min(decay_, (1.0 + updates_) / (10.0 + updates_));
        auto params = module.parameters(true);
        for (size_t i = 0; i < params.size(); ++i)
            average_[i].mul_(d).add_(params[i].detach(), 1.0 - d);
        ++updates_;
    }
    // Exchanges the module's weights with the average (call twice to swap back).
    void swap(torch::nn::Module &module)
    {
        if (!enabled())
            return;
        torch::NoGradGuard noGrad;
        auto params = module.parameters(true);
        for (size_t i = 0; i < params.size(); ++i) {
            auto current = params[i].detach().clone();
            params[i].detach().copy_(average_[i]);
            average_[i].copy_(current);
        }
    }
    void save(const std::string &path) const
    {
        std::vector<torch::Tensor> all = average_;
        all.push_back(torch::tensor(double(updates_), torch::kDouble));
        torch::save(all, path);
    }
    void load(const std::string &path)
    {
        std::vector<torch::Tensor> all;
        torch::load(all, path);
        if (all.size() != average_.size() + 1)
            throw std::runtime_error("the weight average in " + path + " does not match the model");
        for (size_t i = 0; i < average_.size(); ++i) {
            if (!all[i].sizes().equals(average_[i].sizes()))
                throw std::runtime_error("the weight average in " + path + " does not match the model");
            average_[i].copy_(all[i]);
        }
        updates_ = int64_t(all.back().item<double>());
    }

private:
    double decay_ = 0;
    int64_t updates_ = 0;
    std::vector<torch::Tensor> average_;
};

class StageTrainer {
public:
    StageTrainer(const TrainOptions &o, ModelSet &m, const SplitData &tr, const SplitData &va)
        : options(o), models(m), train(tr), validation(va), cfg(m.info.config), device(m.device), rng(uint32_t(o.seed))
    {
    }

    // Indices of samples usable for this stage.
    std::vector<int64_t> usable(const SplitData &data) const
    {
        std::vector<int64_t> out;
        auto f = data.hasFrontal.accessor<bool, 1>(), l = data.hasLateral.accessor<bool, 1>(), r = data.hasReport.accessor<bool, 1>();
        for (int64_t i = 0; i < data.size(); ++i) {
            bool ok = false;
            switch (options.stage) {
            case Stage::Autoencoder: ok = f[i] || l[i]; break;
            case Stage::Align: ok = int(f[i]) + int(l[i]) + int(r[i]) >= 2; break;
            case Stage::Frontal: ok = f[i]; break;
            case Stage::Lateral: ok = l[i]; break;
            case Stage::Report: ok = r[i] && (f[i] || l[i]); break;
            case Stage::Findings:
            case Stage::Sentences: break; // never through this loop
            }
            if (ok)
                out.push_back(i);
        }
        return out;
    }

    torch::Tensor pick(const std::vector<int64_t> &pool, int batch, std::mt19937 &generator)
    {
        std::vector<int64_t> chosen;
        std::uniform_int_distribution<size_t> dist(0, pool.size() - 1);
        for (int i = 0; i < batch; ++i)
            chosen.push_back(pool[dist(generator)]);
        return torch::tensor(chosen, torch::kLong);
    }

    // What a UNet stage reads through the frozen autoencoder and aligned encoders, per sample of a
    // split (CPU tensors, [N, ...]): the target view's latent distribution, the other view's latent
    // and image tokens, the report's tokens. Neither model trains in these stages, so each sample
    // is encoded once, the first time a batch draws it, instead of at every step: encoding the two
    // 128 px views cost more than the UNet's own forward and backward pass (docs/BENCHMARKS.md,
    // "CPU runtime"). About 90 KB per sample (800 MB for the default model's 8,433 training studies).
    struct FrozenInputs {
        torch::Tensor targetMean, targetLogvar, otherMean, otherTokens, reportTokens;
        std::vector<uint8_t> ready;
    };

    const FrozenInputs &frozenInputs(const SplitData &data, const torch::Tensor &index, bool frontal)
    {
        FrozenInputs &in = frozen[&data];
        if (in.ready.empty())
            in.ready.assign(size_t(data.size()), 0);
        std::vector<int64_t> missing;
        auto wanted = index.accessor<int64_t, 1>();
        for (int64_t i = 0; i < wanted.size(0); ++i)
            if (!in.ready[size_t(wanted[i])])
                missing.push_back(wanted[i]);
        if (missing.empty())
            return in;
        std::sort(missing.begin(), missing.end()); // a sample may be drawn twice in one batch
        missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
        torch::NoGradGuard noGrad;
        auto rows = torch::tensor(missing, torch::kLong);
        auto take = [&](const torch::Tensor &t) { return t.index_select(0, rows).to(device); };
        auto target = take(frontal ? data.frontal : data.lateral), other = take(frontal ? data.lateral : data.frontal);
        auto [mean, logvar] = models.autoencoder->encode(target);
        const torch::Tensor computed[] = {mean, logvar, models.autoencoder->encode(other).first, models.encoders->encodeImage(other).first,
                                          models.encoders->encodeText(take(data.reportIds)).first};
        torch::Tensor *stored[] = {&in.targetMean, &in.targetLogvar, &in.otherMean, &in.otherTokens, &in.reportTokens};
        for (size_t k = 0; k < 5; ++k) {
            auto value = computed[k].to(torch::kCPU);
            if (!stored[k]->defined()) {
                auto shape = value.sizes().vec();
                shape[0] = data.size();
                *stored[k] = torch::zeros(shape, value.options());
            }
            stored[k]->index_copy_(0, rows, value);
        }
        for (int64_t i : missing)
            in.ready[size_t(i)] = 1;
        return in;
    }

    // The stage's loss on a batch (indices into `data`); `g` draws the noise (fixed for validation).
    torch::Tensor loss(const SplitData &data, const torch::Tensor &index, at::Generator &g, std::mt19937 &choice)
    {
        auto fetch = [&](const torch::Tensor &t) { return t.index_select(0, index).to(device); };
        const int64_t B = index.size(0);
        switch (options.stage) {
        case Stage::Autoencoder: {
            // One view per sample, either with equal odds when the study has both (the lateral
            // must be learnt as well as the frontal: the lateral generator's images come out of
            // this decoder too), else the one it has.
            auto hasFrontal = fetch(data.hasFrontal), hasLateral = fetch(data.hasLateral);
            auto coin = torch::rand({B}, g).to(device) < 0.5;
            auto useFrontal = hasFrontal.logical_and(hasLateral.logical_not().logical_or(coin));
            auto x = torch::where(useFrontal.view({B, 1, 1, 1}), fetch(data.frontal), fetch(data.lateral));
            torch::Tensor mean, logvar;
            if (options.decoderOnly) {
                torch::NoGradGuard frozen;
                std::tie(mean, logvar) = models.autoencoder->encode(x);
            } else {
                std::tie(mean, logvar) = models.autoencoder->encode(x);
            }
            auto z = mean + torch::exp(0.5 * logvar) * torch::randn(mean.sizes(), g).to(device);
            auto y = models.autoencoder->decode(z);
            auto kl = 0.5 * (mean.pow(2) + logvar.exp() - 1 - logvar).mean();
            return (y - x).abs().mean() + (y - x).pow(2).mean() + 1e-4 * kl;
        }
        case Stage::Align: {
            auto [fTokens, fPooled] = models.encoders->encodeImage(fetch(data.frontal));
            auto [lTokens, lPooled] = models.encoders->encodeImage(fetch(data.lateral));
            auto [rTokens, rPooled] = models.encoders->encodeText(fetch(data.reportIds));
            auto hf = fetch(data.hasFrontal), hl = fetch(data.hasLateral), hr = fetch(data.hasReport);
            auto scale = models.encoders->logitScale.exp().clamp_max(100);
            torch::Tensor total = torch::zeros({}, fPooled.options());
            int terms = 0;
            auto pair = [&](const torch::Tensor &a, const torch::Tensor &b, const torch::Tensor &ha, const torch::Tensor &hb) {
                auto both = ha.logical_and(hb).nonzero().view({-1});
                if (both.size(0) < 2)
                    return;
                auto ea = a.index_select(0, both), eb = b.index_select(0, both);
                auto logits = scale * torch::matmul(ea, eb.t());
                auto target = torch::arange(both.size(0), torch::TensorOptions().dtype(torch::kLong).device(device));
                total = total + 0.5 * (F::cross_entropy(logits, target) + F::cross_entropy(logits.t(), target));
                ++terms;
            };
            pair(fPooled, rPooled, hf, hr);
            pair(lPooled, rPooled, hl, hr);
            pair(fPooled, lPooled, hf, hl);
            return terms ? total / terms : total;
        }
        case Stage::Frontal:
        case Stage::Lateral: {
            const bool frontal = options.stage == Stage::Frontal;
            UNet &unet = frontal ? models.frontal : models.lateral;
            auto hasOther = fetch(frontal ? data.hasLateral : data.hasFrontal);
            auto hasReport = fetch(data.hasReport);
            torch::Tensor z, otherTokens, reportTokens, otherLatent;
            {
                const FrozenInputs &in = frozenInputs(data, index, frontal);
                auto mean = fetch(in.targetMean), logvar = fetch(in.targetLogvar);
                z = (mean + torch::exp(0.5 * logvar) * torch::randn(mean.sizes(), g).to(device)) * models.autoencoder->latentScale;
                otherTokens = fetch(in.otherTokens);
                reportTokens = fetch(in.reportTokens);
                if (cfg.spatialCondition)
                    otherLatent = fetch(in.otherMean) * models.autoencoder->latentScale;
            }
            if (augmentsConditions(data)) {
                // The other view as a real acquisition might show it: encoded now, not cached.
                torch::NoGradGuard frozenEncoders;
                auto other = augmentedConditions(fetch(frontal ? data.lateral : data.frontal), g);
                otherTokens = models.encoders->encodeImage(other).first;
                if (cfg.spatialCondition)
                    otherLatent = models.autoencoder->encode(other).first * models.autoencoder->latentScale;
            }
            // Multi-prompt: per sample a random subset of the available conditions; empty with
            // probability 0.1 (classifier-free guidance), else the report alone with probability
            // options.reportOnly, else a random non-empty subset.
            std::vector<uint8_t> keepOther(static_cast<size_t>(B)), keepReport(static_cast<size_t>(B));
            auto ho = hasOther.to(torch::kCPU), hr = hasReport.to(torch::kCPU);
            std::uniform_real_distribution<double> u(0, 1);
            for (int64_t i = 0; i < B; ++i) {
                const bool o = ho[i].item<bool>(), r = hr[i].item<bool>();
                bool ko = false, kr = false;
                if (u(choice) >= 0.1 && (o || r)) {
                    if (r && options.reportOnly > 0 && u(choice) < options.reportOnly)
                        kr = true;
                    else
                        do {
                            ko = o && u(choice) < 0.5;
                            kr = r && u(choice) < 0.5;
                        } while (!ko && !kr);
                }
                keepOther[size_t(i)] = ko;
                keepReport[size_t(i)] = kr;
            }
            auto ko = torch::tensor(std::vector<int64_t>(keepOther.begin(), keepOther.end())).to(torch::kBool).to(device);
            auto kr = torch::tensor(std::vector<int64_t>(keepReport.begin(), keepReport.end())).to(torch::kBool).to(device);
            auto reportMask = fetch(data.reportIds).ne(0).logical_and(kr.view({B, 1}));
            Context ctx = unet->buildContext({{frontal ? kSlotLateral : kSlotFrontal, otherTokens}, {kSlotReport, reportTokens}}, {ko, reportMask});
            auto t = torch::randint(0, cfg.diffusionSteps, {B}, g, torch::TensorOptions().dtype(torch::kLong)).to(device);
            auto abar = alphaBar.index_select(0, t).view({B, 1, 1, 1});
            auto noise = torch::randn(z.sizes(), g).to(device);
            auto noisy = abar.sqrt() * z + (1 - abar).sqrt() * noise;
            torch::Tensor spatial;
            if (cfg.spatialCondition)
                spatial = UNetImpl::spatialCondition(otherLatent, ko.logical_and(hasOther));
            return F::mse_loss(unet->forward(noisy, t, ctx, spatial), noise);
        }
        case Stage::Report: {
            auto ids = fetch(data.reportIds);
            auto hf = fetch(data.hasFrontal), hl = fetch(data.hasLateral);
            auto &dec = models.reportDecoder;
            torch::Tensor fTokens, lTokens;
            torch::Tensor frontalImages = fetch(data.frontal), lateralImages = fetch(data.lateral);
            if (augmentsConditions(data)) {
                frontalImages = augmentedConditions(frontalImages, g);
                lateralImages = augmentedConditions(lateralImages, g);
            }
            if (dec->imageEncoder) {
                // The decoder's own encoder learns with the language loss.
                fTokens = dec->imageTokens(frontalImages, *models.encoders);
                lTokens = dec->imageTokens(lateralImages, *models.encoders);
            } else {
                torch::NoGradGuard noGrad;
                fTokens = models.encoders->encodeImage(frontalImages).first;
                lTokens = models.encoders->encodeImage(lateralImages).first;
            }
            // Random non-empty subset of the views present.
            std::vector<int64_t> kf(static_cast<size_t>(B)), kl(static_cast<size_t>(B));
            auto hfc = hf.to(torch::kCPU), hlc = hl.to(torch::kCPU);
            std::uniform_real_distribution<double> u(0, 1);
            for (int64_t i = 0; i < B; ++i) {
                const bool f = hfc[i].item<bool>(), l = hlc[i].item<bool>();
                bool a = f, b = l;
                if (f && l) {
                    const double r = u(choice);
                    a = r < 2.0 / 3;
                    b = r >= 1.0 / 3;
                }
                kf[size_t(i)] = a;
                kl[size_t(i)] = b;
            }
            auto fm = torch::tensor(kf).to(torch::kBool).to(device).view({B, 1}).expand({B, fTokens.size(1)});
            auto lm = torch::tensor(kl).to(torch::kBool).to(device).view({B, 1}).expand({B, lTokens.size(1)});
            Context ctx{torch::cat({fTokens + dec->modalityEmbedding[0].view({1, 1, -1}), lTokens + dec->modalityEmbedding[1].view({1, 1, -1})}, 1),
                        torch::cat({fm, lm}, 1)};
            auto logits = dec->forward(ids.narrow(1, 0, ids.size(1) - 1), ctx);
            auto targets = ids.narrow(1, 1, ids.size(1) - 1);
            return F::cross_entropy(logits.reshape({-1, logits.size(2)}), targets.reshape({-1}),
                                    F::CrossEntropyFuncOptions().ignore_index(0));
        }
        case Stage::Findings:
        case Stage::Sentences: break; // never through this loop
        }
        return {};
    }

    // Whether this batch's conditioning views are augmented: training batches of the stages that
    // read a conditioning view, when options.conditionAugment asks for it (validation never is).
    bool augmentsConditions(const SplitData &data) const
    {
        return readsConditioningViews(options.stage) && options.conditionAugment > 0 && &data != &validation;
    }

    // `images` [B, 1, R, R] with options.conditionAugment of the samples (drawn per sample)
    // replaced by a real-acquisition augmentation of themselves.
    torch::Tensor augmentedConditions(const torch::Tensor &images, at::Generator &g)
    {
        const int64_t B = images.size(0);
        auto chosen = (torch::rand({B}, g) < options.conditionAugment).to(images.device()).view({B, 1, 1, 1});
        return torch::where(chosen, augmentAcquisitionBatch(images, g), images);
    }

    std::vector<torch::Tensor> parameters()
    {
        if (options.stage == Stage::Autoencoder && options.decoderOnly) {
            std::vector<torch::Tensor> decoder;
            for (const auto &p : models.autoencoder->named_parameters(true))
                if (p.key().rfind("decoder", 0) == 0 || p.key().rfind("up", 0) == 0)
                    decoder.push_back(p.value());
            return decoder;
        }
        return models.module(componentFor(options.stage))->parameters(true);
    }

    void setTraining(bool training)
    {
        for (Component c : kAllComponents)
            if (auto m = models.module(c))
                m->eval();
        if (training)
            models.module(componentFor(options.stage))->train();
    }

    double validate()
    {
        auto pool = usable(validation);
        if (pool.empty())
            return -1;
        setTraining(false);
        torch::NoGradGuard noGrad;
        at::Generator g = makeGenerator(1234);
        std::mt19937 choice(1234);
        double sum = 0;
        for (int b = 0; b < options.validationBatches; ++b)
            sum += loss(validation, pick(pool, options.batch, choice), g, choice).item<double>();
        setTraining(true);
        return sum / options.validationBatches;
    }

    void writeSamples(const std::string &directory, int step)
    {
        const SplitData &data = validation.size() > 0 && !usable(validation).empty() ? validation : train;
        auto pool = usable(data);
        if (pool.empty())
            return;
        std::vector<int64_t> first(pool.begin(), pool.begin() + int64_t(std::min<size_t>(4, pool.size())));
        auto index = torch::tensor(first, torch::kLong);
        auto fetch = [&](const torch::Tensor &t) { return t.index_select(0, index).to(device); };
        setTraining(false);
        torch::NoGradGuard noGrad;
        fs::create_directories(directory);
        char name[64];
        std::snprintf(name, sizeof name, "/%s_step%06d", toString(options.stage), step);
        const std::string base = directory + name;
        if (options.stage == Stage::Autoencoder) {
            auto x = torch::where(fetch(data.hasFrontal).view({-1, 1, 1, 1}), fetch(data.frontal), fetch(data.lateral));
            auto y = models.autoencoder->decode(models.autoencoder->encode(x).first);
            writePgm(base + ".pgm", tileRows({x, y}));
        } else if (options.stage == Stage::Frontal || options.stage == Stage::Lateral) {
            const bool frontal = options.stage == Stage::Frontal;
            UNet &unet = frontal ? models.frontal : models.lateral;
            auto other = fetch(frontal ? data.lateral : data.frontal);
            auto truth = fetch(frontal ? data.frontal : data.lateral);
            auto tokens = models.encoders->encodeImage(other).first;
            torch::Tensor spatial;
            if (cfg.spatialCondition) {
                auto c = UNetImpl::spatialCondition(models.autoencoder->encode(other).first * models.autoencoder->latentScale, {});
                spatial = torch::cat({c, torch::zeros_like(c)}, 0);
            }
            Context cond = unet->buildContext({{frontal ? kSlotLateral : kSlotFrontal, tokens}}, {});
            auto uncondMask = torch::zeros_like(cond.mask);
            uncondMask.narrow(1, 0, 1).fill_(true);
            Context both{torch::cat({cond.tokens, cond.tokens}, 0), torch::cat({cond.mask, uncondMask}, 0)};
            at::Generator g = makeGenerator(42);
            const int64_t n = index.size(0), S = cfg.latentSize();
            auto x = torch::randn({n, cfg.latentChannels, S, S}, g).to(device);
            NoiseModel model = [&](const torch::Tensor &xt, int64_t t) {
                auto eps = unet->forward(torch::cat({xt, xt}, 0), torch::full({2 * n}, t, torch::TensorOptions().dtype(torch::kLong).device(device)), both, spatial);
                auto parts = eps.chunk(2, 0);
                return parts[1] + 2.0 * (parts[0] - parts[1]);
            };
            Schedule schedule(cfg.diffusionSteps);
            auto z = sample(schedule, SamplerKind::DpmSolver2M, 20, 0, x, model, g, {});
            auto y = models.autoencoder->decode(z / models.autoencoder->latentScale).clamp(0, 1);
            writePgm(base + ".pgm", tileRows({other, y, truth}));
        } else if (options.stage == Stage::Report && models.hasTokenizer) {
            std::ofstream out(base + ".txt");
            for (int64_t i = 0; i < index.size(0); ++i) {
                auto image = data.hasFrontal[first[size_t(i)]].item<bool>() ? data.frontal[first[size_t(i)]] : data.lateral[first[size_t(i)]];
                auto tokens = models.reportDecoder->imageTokens(image.unsqueeze(0).to(device), *models.encoders);
                Context ctx = models.reportDecoder->buildContext(tokens, {});
                std::vector<int64_t> ids{Tokenizer::kBos};
                for (int k = 1; k < cfg.maxTokens; ++k) {
                    auto logits = models.reportDecoder->forward(torch::tensor(ids).view({1, -1}).to(device), ctx);
                    int64_t next = logits[0][k - 1].argmax().item<int64_t>();
                    ids.push_back(next);
                    if (next == Tokenizer::kEos)
                        break;
                }
                out << "generated: " << models.tokenizer.decode(std::vector<int>(ids.begin(), ids.end())) << "\nreference: "
                    << models.tokenizer.normalize(data.reports[size_t(first[size_t(i)])]) << "\n\n";
            }
        }
        setTraining(true);
    }

    const TrainOptions &options;
    ModelSet &models;
    const SplitData &train, &validation;
    const ModelConfig &cfg;
    torch::Device device;
    std::mt19937 rng;
    torch::Tensor alphaBar;
    std::map<const SplitData *, FrozenInputs> frozen; // UNet stages: per split, filled as batches draw samples
};

// The training split's reports (the tokenizer's words, the bundle's training sentences).
std::vector<std::string> trainingReports(const TrainingCache &cache)
{
    std::vector<std::string> reports;
    for (const CacheRecord *r : cache.split(Split::Train))
        if (r->hasReport())
            reports.push_back(r->report);
    return reports;
}

Status ensureBundle(const TrainOptions &options, const TrainingCache &cache)
{
    if (fs::exists(options.bundleDirectory + "/manifest.json"))
        return Status::ok();
    auto config = ModelConfig::fromPreset(options.preset);
    if (!config)
        return config.status();
    const std::vector<std::string> reports = trainingReports(cache);
    CreateBundleOptions create;
    create.directory = options.bundleDirectory;
    create.name = "radsynth-" + options.preset;
    create.version = "0.1.0";
    create.config = config.value();
    create.components.clear();
    create.tokenizerTexts = reports;
    create.tokenizerMinCount = options.tokenizerMinCount;
    if (!options.initFrom.empty()) {
        // Fine-tuning: the parent's architecture and vocabulary, so that its weights mean the same
        // layers and the same words here.
        auto parent = readManifest(options.initFrom);
        if (!parent)
            return Status::error("--init-from: " + parent.status().message());
        create.config = parent->config;
        if (!parent->tokenizerFile.empty())
            create.tokenizerFile = options.initFrom + "/" + parent->tokenizerFile;
    }
    create.seed = options.seed;
    return createBundle(create);
}

// The finding classifier's input size and width asked for one view (0: the default).
int findingsSize(const TrainOptions &o, bool frontal) { return !frontal && o.findingsLateralSize > 0 ? o.findingsLateralSize : o.findingsSize; }
int findingsWidth(const TrainOptions &o, bool frontal) { return !frontal && o.findingsLateralWidth > 0 ? o.findingsLateralWidth : o.findingsWidth; }

// The findings stage: one classifier per view on the training split's images and labels, its
// validation loss (binary cross-entropy) on the validation split; the files and their SHA-256 go
// into the manifest's "finding_classifiers".
Outcome<TrainSummary> trainFindings(const TrainOptions &options, const TrainingCache &cache, const std::function<void(const TrainProgress &)> &progress)
{
    using R = Outcome<TrainSummary>;
    const auto start = Clock::now();
    const int resolution = cache.resolution();
    Json entries = Json::object();
    double validationSum = 0;
    int validationCount = 0;
    for (const bool frontal : {true, false}) {
        const std::string view = frontal ? "frontal" : "lateral";
        std::vector<ImageData> trainImages, validationImages;
        std::vector<FindingLabels> trainLabels, validationLabels;
        std::vector<int> trainCopies; // per training image, how often it is drawn (TrainOptions::findingsOversample)
        for (const Split split : {Split::Train, Split::Validation})
            for (const CacheRecord *r : cache.split(split)) {
                const auto &pixels = frontal ? r->frontal : r->lateral;
                if (pixels.empty() || !r->labelled) // an unlabelled radiograph teaches a classifier nothing
                    continue;
                (split == Split::Train ? trainImages : validationImages).push_back(imageFromCachePixels(pixels, resolution));
                (split == Split::Train ? trainLabels : validationLabels).push_back(r->labels);
                if (split == Split::Train) {
                    int copies = 1;
                    for (const auto &[prefix, times] : options.findingsOversample)
                        if (r->id.rfind(prefix, 0) == 0)
                            copies = std::max(copies, times);
                    trainCopies.push_back(copies);
                }
            }
        if (trainImages.size() < 2)
            return R::failure("the findings stage needs " + view + " training images with labels");
        // An oversampled image is drawn as often as it is listed: pointers to one copy.
        std::vector<const ImageData *> images;
        std::vector<FindingLabels> labels;
        for (size_t i = 0; i < trainImages.size(); ++i)
            for (int c = 0; c < trainCopies[i]; ++c) {
                images.push_back(&trainImages[i]);
                labels.push_back(trainLabels[i]);
            }
        FindingClassifierOptions o;
        const int size = findingsSize(options, frontal), width = findingsWidth(options, frontal);
        if (size > 0)
            o.size = size;
        if (width > 0)
            o.width = width;
        if (size > resolution) // asked for more detail than the cache holds
            return R::failure("the finding classifiers' input size (" + std::to_string(o.size) + " px) is larger than the training cache's images (" +
                              std::to_string(resolution) + " px)");
        o.epochs = 1;
        o.minimumSteps = options.steps;
        o.batch = options.batch;
        o.seed = options.seed + (frontal ? 101 : 102); // not the evaluation's classifiers' seeds
        if (options.learningRate > 0)
            o.learningRate = options.learningRate;
        auto trained = FindingClassifier::train(images, labels, o, [&](int epoch, double loss) {
            if (progress) {
                TrainProgress p;
                p.stage = Stage::Findings;
                p.step = epoch;
                p.loss = loss;
                progress(p);
            }
        });
        if (!trained)
            return R(trained.status());
        const std::string file = "findings_" + view + ".pt";
        const std::string path = options.bundleDirectory + "/" + file;
        if (Status s = trained.value()->save(path + ".part"); !s)
            return R(s);
        std::error_code ec;
        fs::rename(path + ".part", path, ec);
        if (ec)
            return R::failure("cannot write " + path + ": " + ec.message());
        double loss = 0;
        if (!validationImages.empty()) {
            std::vector<const ImageData *> v;
            for (const auto &i : validationImages)
                v.push_back(&i);
            auto scores = trained.value()->predict(v);
            if (!scores)
                return R(scores.status());
            for (size_t i = 0; i < v.size(); ++i)
                for (int k = 0; k < kObservationCount; ++k) {
                    const double q = std::clamp(double(scores.value()[i][size_t(k)]), 1e-6, 1 - 1e-6);
                    loss -= validationLabels[i][size_t(k)] != 0 ? std::log(q) : std::log(1 - q);
                }
            loss /= double(v.size() * kObservationCount);
            validationSum += loss;
            ++validationCount;
        }
        Json entry = Json::object();
        entry.set("file", file);
        entry.set("sha256", sha256File(path));
        entry.set("steps", options.steps);
        entry.set("input_size", trained.value()->size());
        entry.set("width", trained.value()->width());
        entry.set("layers", trained.value()->layers());
        entry.set("parameters", double(trained.value()->parameterCount()));
        entry.set("train_images", int(images.size()));
        if (!options.findingsOversample.empty()) {
            Json oversample = Json::object();
            for (const auto &[prefix, times] : options.findingsOversample)
                oversample.set(prefix, times);
            entry.set("oversample", oversample);
        }
        entry.set("validation_loss", loss);
        entries.set(view, entry);
        if (!options.quiet)
            std::printf("findings (%s): %zu training images, validation loss %.4f\n", view.c_str(), images.size(), loss);
    }
    {
        std::lock_guard<std::mutex> lock(g_bundleMutex);
        auto info = readManifest(options.bundleDirectory);
        if (!info)
            return R(info.status());
        info->findingClassifiers = entries;
        if (Status s = writeManifest(info.value()); !s)
            return R(s);
    }
    TrainSummary summary;
    summary.steps = options.steps;
    summary.validationLoss = validationCount ? validationSum / validationCount : -1;
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

Outcome<TrainSummary> trainStage(const TrainOptions &options, const std::function<void(const TrainProgress &)> &progress, const std::atomic_bool *cancel)
{
    using R = Outcome<TrainSummary>;
    // Data-parallel ranks (Distributed.h): rank 0 leads (bundle, checkpoints, validation, log).
    std::shared_ptr<Communicator> ranks;
    if (options.distributed.enabled()) {
        auto joined = Communicator::connect(options.distributed);
        if (!joined)
            return R(joined.status());
        ranks = joined.value();
    }
    const int rank = ranks ? ranks->rank() : 0, world = ranks ? ranks->worldSize() : 1;
    const bool leader = rank == 0;
    const int shardCount = options.dataShards > 0 ? options.dataShards : world;
    // Each rank reads only its share of the cache: the training studies of its data shards (study i
    // of the split is in shard i mod S, and rank r trains the shards r, r+W, ...: the studies
    // i mod W == r); the leader also the validation split, and the training reports (not images)
    // when it creates the bundle's tokenizer. The findings stage trains on the leader alone.
    const bool findings = options.stage == Stage::Findings;
    const bool newBundle = leader && !fs::exists(options.bundleDirectory + "/manifest.json");
    TrainingCache cache;
    std::string error;
    const bool cacheRead = cache.load(options.cachePath, [&](const CacheRecordHeader &h) {
        if (h.split == Split::Test)
            return CacheLoad::Skip;
        if (options.stage == Stage::Sentences) // the training reports' text, on the leader
            return leader && h.split == Split::Train ? CacheLoad::Text : CacheLoad::Skip;
        if (findings || h.split == Split::Validation)
            return leader ? CacheLoad::Whole : CacheLoad::Skip;
        if (int(h.splitIndex % uint32_t(world)) == rank)
            return CacheLoad::Whole;
        return newBundle ? CacheLoad::Text : CacheLoad::Skip;
    }, &error);
    if (ranks && !agree(*ranks, cacheRead))
        return R::failure(cacheRead ? std::string("another rank could not read the training cache") : "training cache: " + error);
    if (!cacheRead)
        return R::failure("training cache: " + error);
    if ((options.steps < 1 || options.batch < 1) && options.stage != Stage::Sentences)
        return R::failure("steps and batch must be at least 1");
    if (shardCount % world != 0)
        return R::failure("the data shards (" + std::to_string(shardCount) + ") must be a multiple of the ranks (" + std::to_string(world) + ")");
    if (options.batch % shardCount != 0)
        return R::failure("the batch (" + std::to_string(options.batch) + ") must split evenly into the " + std::to_string(shardCount) +
                          " data shards");
    if (options.decoderOnly && options.stage != Stage::Autoencoder)
        return R::failure("--decoder-only is for the autoencoder stage");
    Status s;
    if (leader) {
        std::lock_guard<std::mutex> lock(g_bundleMutex);
        s = ensureBundle(options, cache);
    }
    if (ranks)
        if (Status met = ranks->barrier(); !met)
            return R(met);
    if (s && !leader && !fs::exists(options.bundleDirectory + "/manifest.json"))
        s = Status::error("rank 0 did not create the bundle " + options.bundleDirectory);
    if (!s)
        return R(s);
    if (options.stage == Stage::Sentences) {
        // Rank 0 hashes the training split's report sentences into the bundle; nothing is trained.
        Status written;
        TrainSummary summary;
        if (leader) {
            const auto start = Clock::now();
            written = writeReportSentences(options.bundleDirectory, trainingReports(cache));
            summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        }
        if (ranks)
            if (Status met = ranks->barrier(); !met)
                return R(met);
        if (!written)
            return R(written);
        summary.cacheRecords = int(cache.fileRecords());
        return summary;
    }
    if (options.stage == Stage::Findings) {
        // Small classifiers, trained by rank 0 alone while the others wait.
        if (!ranks)
            return trainFindings(options, cache, progress);
        auto result = leader ? trainFindings(options, cache, progress) : Outcome<TrainSummary>(TrainSummary{});
        if (Status met = ranks->barrier(); !met)
            return R(met);
        return result;
    }
    const Stage stage = options.stage;
    const Component target = componentFor(stage);
    // Components the stage needs, frozen, loaded from the bundle; the trained one continues from
    // the bundle's weights when present.
    std::vector<Component> needed{target};
    if (stage == Stage::Frontal || stage == Stage::Lateral)
        needed = {target, Component::Autoencoder, Component::Encoders};
    if (stage == Stage::Report)
        needed = {target, Component::Encoders};
    auto loaded = loadModelSet(options.bundleDirectory, options.device, needed);
    if (!loaded)
        return R(loaded.status());
    ModelSet models = std::move(loaded.value());
    for (Component c : needed)
        if (c != target && !models.module(c))
            return R::failure(std::string("stage '") + toString(stage) + "' needs the trained component '" + componentName(c) +
                              "' in the bundle first (train its stage before)");
    if ((stage == Stage::Align || stage == Stage::Report || stage == Stage::Frontal || stage == Stage::Lateral) && !models.hasTokenizer)
        return R::failure("the bundle has no tokenizer");
    torch::manual_seed(options.seed);
    if (!models.module(target)) {
        makeComponent(target, models.info.config, models);
        models.module(target)->to(models.device);
        torch::NoGradGuard noGrad;
        // A new report generator's own image encoder starts as the aligned one.
        if (target == Component::ReportDecoder && models.reportDecoder->imageEncoder)
            copyMatching(*models.reportDecoder->imageEncoder, *models.encoders, "");
        if (!options.initFrom.empty()) {
            auto source = loadModelSet(options.initFrom, "cpu", {target});
            if (!source)
                return R::failure("--init-from: " + source.status().message());
            if (!source->module(target))
                return R::failure("--init-from: " + options.initFrom + " has no component '" + componentName(target) + "'");
            const int copied = copyMatching(*models.module(target), *source->module(target), "");
            if (copied == 0)
                return R::failure("--init-from: no weights of '" + std::string(componentName(target)) + "' match this bundle's model");
        }
    }
    // This rank's shards of the training split (all of it with one shard), and the validation split
    // on the leader, which alone validates.
    const Tokenizer *tokenizer = models.hasTokenizer ? &models.tokenizer : nullptr;
    std::vector<int> owned;
    for (int shard = rank; shard < shardCount; shard += world)
        owned.push_back(shard);
    std::vector<SplitData> trainShards;
    for (int shard : owned)
        trainShards.push_back(makeSplit(cache, Split::Train, models.info.config, tokenizer, shard, shardCount));
    SplitData validation = leader ? makeSplit(cache, Split::Validation, models.info.config, tokenizer) : SplitData{};
    const SplitData &train = trainShards.front();
    StageTrainer trainer(options, models, train, validation);
    Schedule schedule(models.info.config.diffusionSteps);
    trainer.alphaBar = torch::tensor(schedule.alphaBar, torch::kDouble).to(torch::kFloat32).to(models.device);
    std::vector<std::vector<int64_t>> pools;
    bool usable = true;
    for (const SplitData &shard : trainShards) {
        pools.push_back(trainer.usable(shard));
        usable = usable && !pools.back().empty();
    }
    if (ranks && !agree(*ranks, usable))
        return R::failure(std::string("a shard of the training split has no studies usable for stage '") + toString(stage) + "' (" +
                          std::to_string(shardCount) + " shards: use fewer, or more data)");
    if (!usable)
        return R::failure(std::string(shardCount > 1 ? "a shard of the training split" : "the training split") + " has no studies usable for stage '" +
                          toString(stage) + "'");
    const auto &pool = pools.front();

    const double lr = options.learningRate > 0 ? options.learningRate : defaultLearningRate(stage);
    if (options.learningRateSchedule != "constant" && options.learningRateSchedule != "cosine")
        return R::failure("unknown learning-rate schedule '" + options.learningRateSchedule + "' (constant or cosine)");
    if (options.emaDecay < 0 || options.emaDecay >= 1)
        return R::failure("the weight average's decay must be in [0, 1)");
    if (options.reportOnly < 0 || options.reportOnly > 1)
        return R::failure("the report-only share must be in [0, 1]");
    if (!(options.conditionAugment >= 0 && options.conditionAugment <= 1))
        return R::failure("the condition-augment share must be in [0, 1]");
    torch::optim::AdamW optimizer(trainer.parameters(), torch::optim::AdamWOptions(lr).weight_decay(stage == Stage::Autoencoder ? 0.0 : 0.01));
    auto rateAt = [&](int step) {
        if (options.learningRateSchedule != "cosine")
            return lr;
        const double progress = std::clamp(double(step - 1) / std::max(1, options.steps - 1), 0.0, 1.0);
        return lr * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(3.14159265358979323846 * progress)));
    };
    WeightAverage average(*models.module(target), options.emaDecay);

    const std::string checkpointDir = options.bundleDirectory + "/checkpoints/" + toString(stage);
    int startStep = 0;
    if (options.resume && fs::exists(checkpointDir + "/state.json")) {
        std::ifstream in(checkpointDir + "/state.json");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        Json state;
        if (!Json::parse(text, state, &error))
            return R::failure("checkpoint state: " + error);
        startStep = state["step"].toInt();
        try {
            torch::serialize::InputArchive archive;
            archive.load_from(checkpointDir + "/model.pt");
            models.module(target)->load(archive);
            models.module(target)->to(models.device);
            torch::load(optimizer, checkpointDir + "/optimizer.pt");
            average.restart(*models.module(target)); // a checkpoint without an average starts it here
            if (average.enabled() && fs::exists(checkpointDir + "/average.pt"))
                average.load(checkpointDir + "/average.pt");
            // A resumed stage trains at the rate asked for now (it may continue at a lower one):
            // LibTorch 1.13 restores only the optimizer's moments, later versions may also bring
            // back the saved options; set it explicitly either way.
            for (auto &group : optimizer.param_groups())
                group.options().set_lr(lr);
        } catch (const std::exception &e) {
            std::string what = e.what();
            return R::failure("cannot resume from " + checkpointDir + ": " + what.substr(0, what.find('\n')));
        }
    }
    if (ranks) {
        // Every rank starts from the leader's weights (and average), whatever each built or loaded.
        std::vector<torch::Tensor> state = models.module(target)->parameters(true);
        for (const auto &buffer : models.module(target)->buffers(true))
            state.push_back(buffer);
        if (Status sent = ranks->broadcast(state); !sent)
            return R(sent);
    }
    fs::create_directories(checkpointDir);
    const std::string logPath = options.bundleDirectory + "/train_" + toString(stage) + ".csv";
    std::ofstream log;
    if (leader) {
        log.open(logPath, startStep > 0 ? std::ios::app : std::ios::trunc);
        if (startStep == 0)
            log << "step,loss,validation_loss,learning_rate,seconds\n";
    }

    auto saveCheckpoint = [&](int step) {
        if (!leader)
            return;
        torch::serialize::OutputArchive archive;
        models.module(target)->save(archive);
        archive.save_to(checkpointDir + "/model.pt");
        torch::save(optimizer, checkpointDir + "/optimizer.pt");
        if (average.enabled())
            average.save(checkpointDir + "/average.pt");
        std::ofstream state(checkpointDir + "/state.json", std::ios::trunc);
        Json j = Json::object();
        j.set("step", step);
        state << j.dump() << "\n";
    };

    trainer.setTraining(true);
    // Each shard its own random streams (shard 0's are the single-process trainer's), so that a
    // shard draws the same samples and noise whichever rank trains it.
    std::vector<at::Generator> generators;
    std::vector<std::mt19937> choices;
    for (int shard : owned) {
        generators.push_back(makeGenerator(options.seed + uint64_t(startStep) * 7919 + uint64_t(shard) * 1000003));
        choices.emplace_back(uint32_t(options.seed + uint64_t(startStep) + uint64_t(shard) * 1000003));
    }
    const int shardBatch = options.batch / shardCount;
    const std::vector<torch::Tensor> parameters = trainer.parameters();
    const auto start = Clock::now();
    double ema = -1, lastValidation = -1, lastLoss = 0;
    int step = startStep;
    try {
        for (step = startStep + 1; step <= options.steps; ++step) {
            if (cancel && cancel->load())
                throw Cancelled{};
            const double rate = rateAt(step);
            for (auto &group : optimizer.param_groups())
                group.options().set_lr(rate);
            optimizer.zero_grad();
            double stepLoss = 0;
            for (size_t k = 0; k < owned.size(); ++k) {
                auto value = trainer.loss(trainShards[k], trainer.pick(pools[k], shardBatch, choices[k]), generators[k], choices[k]);
                (shardCount == 1 ? value : value / double(shardCount)).backward();
                stepLoss += value.item<double>() / shardCount;
            }
            if (ranks) {
                // The step of the whole batch: every rank's share of the gradient, and of the loss, summed.
                std::vector<torch::Tensor> shares;
                for (const torch::Tensor &p : parameters) {
                    if (!p.grad().defined())
                        const_cast<torch::Tensor &>(p).mutable_grad() = torch::zeros_like(p);
                    shares.push_back(p.grad());
                }
                auto lossShare = torch::full({1}, stepLoss, torch::kFloat64);
                shares.push_back(lossShare);
                if (Status summed = ranks->allReduceSum(shares); !summed)
                    return R(summed);
                stepLoss = lossShare.item<double>();
            }
            torch::nn::utils::clip_grad_norm_(parameters, 1.0);
            optimizer.step();
            average.update(*models.module(target));
            lastLoss = stepLoss;
            if (!std::isfinite(lastLoss))
                return R::failure(std::string("stage '") + toString(stage) + "': the loss diverged at step " + std::to_string(step));
            ema = ema < 0 ? lastLoss : 0.95 * ema + 0.05 * lastLoss;
            double validationLoss = -1;
            if (leader && options.validateEvery > 0 && (step % options.validateEvery == 0 || step == options.steps)) {
                // Validated with the averaged weights when there is an average (those are saved).
                average.swap(*models.module(target));
                validationLoss = trainer.validate();
                average.swap(*models.module(target));
                lastValidation = validationLoss;
            }
            if (leader && options.sampleEvery > 0 && (step % options.sampleEvery == 0 || step == options.steps)) {
                average.swap(*models.module(target));
                trainer.writeSamples(options.bundleDirectory + "/samples", step);
                average.swap(*models.module(target));
            }
            if (options.checkpointEvery > 0 && step % options.checkpointEvery == 0)
                saveCheckpoint(step);
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            const double speed = (step - startStep) / std::max(seconds, 1e-9);
            if (step % std::max(1, options.logEvery) == 0 || validationLoss >= 0 || step == options.steps) {
                log << step << "," << lastLoss << "," << (validationLoss >= 0 ? std::to_string(validationLoss) : "") << "," << rate << "," << seconds << "\n";
                log.flush();
                TrainProgress p{stage, step, options.steps, ema, validationLoss, speed, (options.steps - step) / std::max(speed, 1e-9)};
                if (progress && leader)
                    progress(p);
                // On a terminal the line is redrawn in place; in a log (a file, a pipe, a Slurm job)
                // one plain line per 100 steps, per validation and at the end (issue 25).
                static const bool terminal = isatty(fileno(stdout)) != 0;
                if (!options.quiet && leader && (terminal || validationLoss >= 0 || step % 100 == 0 || step == options.steps)) {
                    std::printf("%s[%s] step %d/%d  loss %.4f%s  %.2f steps/s  %.0f s left%s", terminal ? "\r" : "", toString(stage), step,
                                options.steps, ema, validationLoss >= 0 ? ("  validation " + std::to_string(validationLoss)).c_str() : "", speed,
                                p.secondsLeft, terminal ? "\033[K" : "\n");
                    if (terminal && (validationLoss >= 0 || step == options.steps))
                        std::printf("\n");
                    std::fflush(stdout);
                }
            }
        }
    } catch (const Cancelled &) {
        saveCheckpoint(step - 1);
        return R(radsynth::cancelledError({}, "training cancelled at step " + std::to_string(step - 1) + " (checkpoint saved; --resume continues)"));
    } catch (const std::exception &e) {
        std::string what = e.what();
        return R::failure(std::string("stage '") + toString(stage) + "' failed: " + what.substr(0, what.find('\n')));
    }

    if (!leader) {
        // The leader writes the bundle; train() holds every rank until it has.
        TrainSummary summary;
        summary.steps = options.steps;
        summary.finalLoss = ema;
        summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        summary.cacheRecords = int(cache.fileRecords());
        summary.cacheRecordsWithImages = int(cache.recordsWithImages());
        return summary;
    }
    // Latent scale: 1 / std of the training latents, so diffusion works at unit variance (kept
    // when only the decoder trained: the latents did not change).
    if (stage == Stage::Autoencoder && !options.decoderOnly) {
        torch::NoGradGuard noGrad;
        trainer.setTraining(false);
        std::mt19937 pickRng(7);
        auto index = trainer.pick(pool, std::min<int>(64, int(pool.size()) * 2), pickRng);
        auto x = torch::where(train.hasFrontal.index_select(0, index).view({-1, 1, 1, 1}), train.frontal.index_select(0, index),
                              train.lateral.index_select(0, index)).to(models.device);
        auto mean = models.autoencoder->encode(x).first;
        models.autoencoder->latentScale.fill_(1.0 / std::max(1e-4, mean.std().item<double>()));
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    saveCheckpoint(options.steps);
    // The bundle gets the averaged weights.
    average.swap(*models.module(target));
    // Write the component into the bundle and record what it was trained on.
    std::lock_guard<std::mutex> lock(g_bundleMutex);
    auto info = readManifest(options.bundleDirectory);
    if (!info)
        return R(info.status());
    BundleInfo bundle = info.value();
    Json metrics = Json::object();
    metrics.set("steps", options.steps);
    metrics.set("batch", options.batch);
    metrics.set("train_loss", ema);
    if (lastValidation >= 0)
        metrics.set("validation_loss", lastValidation);
    metrics.set("device", options.device);
    metrics.set("lr", lr);
    metrics.set("lr_schedule", options.learningRateSchedule);
    if (average.enabled())
        metrics.set("ema_decay", options.emaDecay);
    if (options.decoderOnly)
        metrics.set("decoder_only", true);
    if (options.reportOnly > 0)
        metrics.set("report_only", options.reportOnly);
    if (options.conditionAugment > 0 && readsConditioningViews(options.stage))
        metrics.set("condition_augment", options.conditionAugment);
    metrics.set("seconds", seconds + (bundle.find(target) && !bundle.find(target)->metrics["seconds"].isNull() && startStep > 0
                                          ? bundle.find(target)->metrics["seconds"].toNumber()
                                          : 0.0));
    models.module(target)->to(torch::kCPU);
    s = saveComponent(bundle, target, *models.module(target), metrics);
    if (!s)
        return R(s);
    Json data = Json::object();
    data.set("cache", fs::path(options.cachePath).filename().string());
    data.set("cache_sha256", sha256File(options.cachePath));
    data.set("resolution", cache.resolution());
    data.set("train_studies", int(cache.splitSize(Split::Train)));
    data.set("validation_studies", int(cache.splitSize(Split::Validation)));
    data.set("test_studies", int(cache.splitSize(Split::Test)));
    bundle.trainingData = data;
    s = writeManifest(bundle);
    if (!s)
        return R(s);
    TrainSummary summary;
    summary.steps = options.steps;
    summary.finalLoss = ema;
    summary.validationLoss = lastValidation;
    summary.seconds = seconds;
    summary.logPath = logPath;
    summary.cacheRecords = int(cache.fileRecords());
    summary.cacheRecordsWithImages = int(cache.recordsWithImages());
    return summary;
}
} // namespace

Outcome<TrainSummary> train(const TrainOptions &options, const std::function<void(const TrainProgress &)> &progress, const std::atomic_bool *cancel)
{
    Outcome<TrainSummary> result = Status::error("training failed");
    try {
        result = trainStage(options, progress, cancel);
    } catch (const std::exception &e) {
        std::string what = e.what();
        result = Outcome<TrainSummary>::failure("training failed: " + what.substr(0, what.find('\n')));
    }
    // Data-parallel: no rank goes on (to the next stage of a recipe, or out) before the leader has
    // written the bundle.
    if (auto ranks = Communicator::connected(options.distributed))
        if (Status met = ranks->barrier(); !met && result)
            return Outcome<TrainSummary>(met);
    return result;
}

Outcome<std::vector<TrainSummary>> runRecipe(const std::string &recipePath, TrainOptions base, const std::function<void(const TrainProgress &)> &progress,
                                             const std::atomic_bool *cancel)
{
    using R = Outcome<std::vector<TrainSummary>>;
    std::ifstream in(recipePath, std::ios::binary);
    if (!in)
        return R::failure("cannot read the recipe " + recipePath);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Json recipe;
    std::string error;
    if (!Json::parse(text, recipe, &error))
        return R::failure("recipe " + recipePath + ": " + error);
    if (!recipe["stages"].isArray() || recipe["stages"].size() == 0)
        return R::failure("recipe " + recipePath + " has no \"stages\" list");
    if (recipe["preset"].isString())
        base.preset = recipe["preset"].toString();
    // Plan: the stages still to train, in recipe order.
    std::vector<TrainOptions> plan;
    for (const Json &entry : recipe["stages"].items()) {
        TrainOptions o = base;
        if (!parseStage(entry["stage"].toString(), o.stage))
            return R::failure("recipe " + recipePath + ": unknown stage '" + entry["stage"].toString() + "'");
        o.steps = entry["steps"].toInt(base.steps);
        o.batch = entry["batch"].toInt(base.batch);
        o.learningRate = entry["lr"].toNumber(base.learningRate);
        if (entry["lr_schedule"].isString())
            o.learningRateSchedule = entry["lr_schedule"].toString();
        o.emaDecay = entry["ema"].toNumber(base.emaDecay);
        o.reportOnly = entry["report_only"].toNumber(base.reportOnly);
        o.conditionAugment = entry["condition_augment"].toNumber(base.conditionAugment);
        if (entry["oversample"].isObject()) {
            o.findingsOversample.clear();
            for (const auto &[prefix, times] : entry["oversample"].members())
                o.findingsOversample.emplace_back(prefix, std::clamp(times.toInt(1), 1, 100));
        }
        o.findingsSize = entry["size"].toInt(base.findingsSize);
        o.findingsWidth = entry["width"].toInt(base.findingsWidth);
        o.findingsLateralSize = entry["lateral_size"].toInt(base.findingsLateralSize);
        o.findingsLateralWidth = entry["lateral_width"].toInt(base.findingsLateralWidth);
        // Skip a stage the bundle already holds with at least the requested steps.
        if (auto info = readManifest(o.bundleDirectory)) {
            if (o.stage == Stage::Sentences) {
                if (!info->reportSentencesFile.empty())
                    continue;
            } else if (o.stage == Stage::Findings) {
                const Json &f = info->findingClassifiers;
                auto done = [&](const Json &view, bool frontal) {
                    const int size = findingsSize(o, frontal), width = findingsWidth(o, frontal);
                    return view["steps"].toInt() >= o.steps && view["input_size"].toInt(64) == (size > 0 ? size : 64) &&
                           view["width"].toInt(16) == (width > 0 ? width : 16);
                };
                if (done(f["frontal"], true) && done(f["lateral"], false))
                    continue;
            } else if (const ComponentInfo *c = info->find(componentFor(o.stage)); c && c->metrics["steps"].toInt() >= o.steps) {
                continue;
            }
        }
        o.resume = true; // an interrupted stage continues from its checkpoint
        plan.push_back(o);
    }
    int jobs = base.jobs;
    if (jobs <= 0) // auto: one stage per core up to the three generators; one at a time on a GPU
        jobs = base.device == "cpu" ? int(std::clamp(std::thread::hardware_concurrency(), 1u, 3u)) : 1;
    if (base.distributed.enabled())
        jobs = 1; // the ranks step through the stages together
    const int threads = std::max(1, torch::get_num_threads());
    auto generator = [](Stage stage) { return stage == Stage::Frontal || stage == Stage::Lateral || stage == Stage::Report; };

    std::vector<TrainSummary> done;
    for (size_t i = 0; i < plan.size();) {
        // The autoencoder and the aligned encoders run alone; a run of consecutive generator
        // stages (each needs only those two) trains `jobs` at a time.
        size_t end = i + 1;
        while (generator(plan[i].stage) && end < plan.size() && generator(plan[end].stage))
            ++end;
        if (end - i == 1 || jobs == 1) {
            for (; i < end; ++i) {
                auto result = train(plan[i], progress, cancel);
                if (!result)
                    return R(result.status());
                done.push_back(result.value());
            }
            continue;
        }
        const int workers = std::min(jobs, int(end - i));
        // OpenBLAS's pool is process-wide and ignores torch::set_num_threads: shared out as well,
        // or the stages' matrix products spin against each other (CpuRuntime.h).
        const int blasBefore = blasThreads();
        setBlasThreads(std::max(1, threads / workers));
        std::mutex mutex; // guards next, results, firstError and the caller's progress callback
        size_t next = i;
        std::vector<std::optional<TrainSummary>> results(end - i);
        std::string firstError;
        std::atomic_bool stop{false};
        auto work = [&]() {
            torch::set_num_threads(std::max(1, threads / workers));
            while (true) {
                TrainOptions o;
                size_t slot;
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    if (next == end || stop.load())
                        return;
                    slot = next++ - i;
                    o = plan[i + slot];
                }
                // Side by side, one console line per report instead of one rewritten line.
                const bool print = !o.quiet;
                o.quiet = true;
                auto relay = [&, print](const TrainProgress &p) {
                    if (cancel && cancel->load())
                        stop = true;
                    std::lock_guard<std::mutex> lock(mutex);
                    if (progress)
                        progress(p);
                    if (print && (p.validationLoss >= 0 || p.step % 100 == 0 || p.step == p.total)) {
                        std::printf("[%s] step %d/%d  loss %.4f%s  %.2f steps/s  %.0f s left\n", toString(p.stage), p.step, p.total, p.loss,
                                    p.validationLoss >= 0 ? ("  validation " + std::to_string(p.validationLoss)).c_str() : "",
                                    p.stepsPerSecond, p.secondsLeft);
                        std::fflush(stdout);
                    }
                };
                auto result = train(o, relay, &stop);
                std::lock_guard<std::mutex> lock(mutex);
                if (result) {
                    results[slot] = result.value();
                } else if (firstError.empty()) {
                    firstError = std::string(toString(o.stage)) + ": " + result.message();
                    stop = true; // the others stop at their next step, checkpointed
                }
            }
        };
        std::vector<std::thread> pool;
        for (int w = 0; w < workers; ++w)
            pool.emplace_back(work);
        for (auto &t : pool)
            t.join();
        torch::set_num_threads(threads);
        if (blasBefore > 0)
            setBlasThreads(blasBefore);
        if (!firstError.empty())
            return R::failure(firstError);
        if (cancel && cancel->load())
            return R(radsynth::cancelledError({}, "training cancelled (checkpoints saved; the recipe resumes)"));
        for (auto &r : results)
            done.push_back(*r);
        i = end;
    }
    // The recipe's sampling recommendations (guidance per task, report drafts, the composed-sentence
    // penalty) go into the bundle where it has none, so that a from-scratch bundle generates and is
    // evaluated as the shipped one and a bundle gains a setting the recipe added since it was
    // trained; a setting the bundle has (chosen on its validation split) is kept.
    if (base.distributed.rank == 0 && recipe["sampling"].isObject() && recipe["sampling"].size() > 0) {
        auto info = readManifest(base.bundleDirectory);
        if (info) {
            Json merged = info->sampling.isObject() ? info->sampling : Json::object();
            bool changed = false;
            for (const auto &[task, settings] : recipe["sampling"].members()) {
                Json entry = merged[task].isObject() ? merged[task] : Json::object();
                for (const auto &[key, value] : settings.members())
                    if (!entry.contains(key)) {
                        entry.set(key, value);
                        changed = true;
                    }
                merged.set(task, entry);
            }
            if (changed) {
                info->sampling = merged;
                if (Status s = writeManifest(info.value()); !s)
                    return R::failure("cannot write the recipe's sampling into the manifest: " + s.message());
            }
        }
    }
    // The name and version the recipe's model ships under ("radsynth-default" "1.0.0"), so that the
    // recipe's bundle is named as the one it reproduces.
    if (base.distributed.rank == 0 && (recipe["name"].isString() || recipe["version"].isString())) {
        auto info = readManifest(base.bundleDirectory);
        if (!info)
            return R::failure(info.message());
        info->name = recipe["name"].toString(info->name);
        info->version = recipe["version"].toString(info->version);
        if (Status s = writeManifest(info.value()); !s)
            return R::failure("cannot write the recipe's name and version into the manifest: " + s.message());
    }
    return done;
}

} // namespace radsynth::generation
