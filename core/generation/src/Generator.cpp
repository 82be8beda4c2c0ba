// Generator::run: prompt encoding, latent diffusion sampling with classifier-free guidance, report
// decoding (greedy / beam search), joint report -> frontal + lateral.
#include "ModelSet.h"
#include "radsynth/generation/CpuRuntime.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/generation/Sha256.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>
#include <sstream>
#include <string_view>

namespace radsynth::generation {

using namespace detail;

const char *toString(Task task)
{
    switch (task) {
    case Task::F2L: return "F2L";
    case Task::L2F: return "L2F";
    case Task::F2R: return "F2R";
    case Task::L2R: return "L2R";
    case Task::FL2R: return "FL2R";
    case Task::R2F: return "R2F";
    case Task::R2L: return "R2L";
    case Task::FR2L: return "FR2L";
    case Task::LR2F: return "LR2F";
    case Task::R2FL: return "R2FL";
    }
    return "?";
}

bool parseTask(const std::string &text, Task &out)
{
    std::string upper;
    for (char c : text)
        upper += char(std::toupper(static_cast<unsigned char>(c)));
    for (Task t : kAllTasks)
        if (upper == toString(t)) {
            out = t;
            return true;
        }
    return false;
}

TaskSpec taskSpec(Task task)
{
    TaskSpec s;
    switch (task) {
    case Task::F2L: s.needsFrontal = s.makesLateral = true; break;
    case Task::L2F: s.needsLateral = s.makesFrontal = true; break;
    case Task::F2R: s.needsFrontal = s.makesReport = true; break;
    case Task::L2R: s.needsLateral = s.makesReport = true; break;
    case Task::FL2R: s.needsFrontal = s.needsLateral = s.makesReport = true; break;
    case Task::R2F: s.needsReport = s.makesFrontal = true; break;
    case Task::R2L: s.needsReport = s.makesLateral = true; break;
    case Task::FR2L: s.needsFrontal = s.needsReport = s.makesLateral = true; break;
    case Task::LR2F: s.needsLateral = s.needsReport = s.makesFrontal = true; break;
    case Task::R2FL: s.needsReport = s.makesFrontal = s.makesLateral = true; break;
    }
    return s;
}

bool parseSampler(const std::string &text, Sampler &out)
{
    if (text == "ddim") {
        out = Sampler::Ddim;
        return true;
    }
    if (text == "dpmpp" || text == "dpm++" || text == "dpmsolver++") {
        out = Sampler::DpmSolver2M;
        return true;
    }
    return false;
}

struct Generator::Impl {
    ModelSet models;
    // Finding-guided drafting: the bundle's classifiers per view (null when it has none) and the
    // caller's report labeler.
    std::unique_ptr<FindingClassifier> findings[2];
    ReportLabeler labeler;
    ReportContradictions contradictions; // may be empty
    DraftPenalty draftPenalty;           // may be empty
    DraftFinisher draftFinisher;         // may be empty
    ReportSideReader sideReader;         // may be empty
    // The training reports' sentences (empty when the bundle has none).
    SentenceSet trainingSentences;
};

Generator::Generator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Generator::~Generator() = default;

void Generator::setThreads(int threads)
{
    if (threads > 0) {
        torch::set_num_threads(threads);
        setBlasThreads(threads); // OpenBLAS's pool does not follow LibTorch's (CpuRuntime.h)
    }
}

Outcome<std::unique_ptr<Generator>> Generator::load(const std::string &bundleDirectory, const std::string &device)
{
    using R = Outcome<std::unique_ptr<Generator>>;
    try {
        // A site's pinned list first, from the manifest alone (nothing else read or allocated).
        if (const std::string list = trustedBundleList(); !list.empty()) {
            auto manifest = readManifest(bundleDirectory);
            if (!manifest)
                return R(manifest.status());
            if (Status trusted = checkTrustedBundle(manifest.value(), list); !trusted)
                return R(trusted);
        }
        auto set = loadModelSet(bundleDirectory, device);
        if (!set)
            return R(set.status());
        auto impl = std::make_unique<Impl>();
        impl->models = std::move(set.value());
        for (const auto &[view, entry] : impl->models.info.findingClassifiers.members()) {
            const std::string path = bundleDirectory + "/" + entry["file"].toString();
            if (sha256File(path) != entry["sha256"].toString())
                return R::failure("the finding classifier " + path + " is missing or does not match its SHA-256 in manifest.json");
            auto classifier = FindingClassifier::load(path);
            if (!classifier)
                return R(classifier.status());
            impl->findings[view == "frontal" ? 0 : 1] = std::move(classifier.value());
        }
        if (const BundleInfo &info = impl->models.info; !info.reportSentencesFile.empty()) {
            if (Status ok = verifyBundleFile(bundleDirectory, info.reportSentencesFile, info.reportSentencesSha256,
                                             "the training sentences " + info.reportSentencesFile);
                !ok)
                return R(ok);
            auto sentences = SentenceSet::load(bundleDirectory + "/" + info.reportSentencesFile);
            if (!sentences)
                return R(sentences.status());
            impl->trainingSentences = std::move(sentences.value());
        }
        return R(std::unique_ptr<Generator>(new Generator(std::move(impl))));
    } catch (const std::exception &e) {
        return R::failure(std::string("cannot load the model bundle: ") + e.what());
    }
}

const BundleInfo &Generator::info() const { return m_impl->models.info; }

void Generator::setReportLabeler(ReportLabeler labeler) { m_impl->labeler = std::move(labeler); }

void Generator::setContradictionCounter(ReportContradictions counter) { m_impl->contradictions = std::move(counter); }

void Generator::setDraftPenalty(DraftPenalty penalty) { m_impl->draftPenalty = std::move(penalty); }
void Generator::setDraftFinisher(DraftFinisher finisher) { m_impl->draftFinisher = std::move(finisher); }
void Generator::setReportSideReader(ReportSideReader reader) { m_impl->sideReader = std::move(reader); }

const SentenceSet &Generator::trainingSentences() const { return m_impl->trainingSentences; }

Outcome<std::vector<float>> Generator::findingSideEvidence(const ImageData &frontal) const
{
    using R = Outcome<std::vector<float>>;
    if (!m_impl->findings[0])
        return R::failure("the bundle has no frontal finding classifier");
    auto evidence = m_impl->findings[0]->sideEvidence({&frontal});
    if (!evidence)
        return R(evidence.status());
    return std::vector<float>(evidence.value()[0].begin(), evidence.value()[0].end());
}

bool Generator::canGuideReports(Task task) const
{
    const TaskSpec spec = taskSpec(task);
    const bool classifiers = (!spec.needsFrontal || m_impl->findings[0]) && (!spec.needsLateral || m_impl->findings[1]);
    return spec.makesReport && classifiers && bool(m_impl->labeler);
}

bool Generator::guidesReports(Task task) const
{
    return canGuideReports(task) && m_impl->models.info.sampling[toString(task)]["candidates"].toInt(1) > 1;
}

int Generator::recommendedBeam(Task task) const
{
    return std::clamp(m_impl->models.info.sampling[toString(task)]["beam"].toInt(1), 1, 16);
}

double Generator::recommendedGuidance(Task task) const
{
    const double g = m_impl->models.info.sampling[toString(task)]["guidance"].toNumber(kDefaultGuidance);
    return g >= 0 && g <= 50 ? g : kDefaultGuidance;
}

std::string Generator::whyUnsupported(Task task) const
{
    const auto &m = m_impl->models;
    const TaskSpec s = taskSpec(task);
    std::string missing;
    auto need = [&](bool condition, const char *what) {
        if (!condition)
            missing += (missing.empty() ? "" : ", ") + std::string(what);
    };
    need(bool(m.encoders), "encoders");
    if (s.needsReport || s.makesReport)
        need(m.hasTokenizer, "tokenizer");
    if (s.makesFrontal || s.makesLateral)
        need(bool(m.autoencoder), "autoencoder");
    if (s.makesFrontal)
        need(bool(m.frontal), "frontal_unet");
    if (s.makesLateral)
        need(bool(m.lateral), "lateral_unet");
    if (s.makesReport)
        need(bool(m.reportDecoder), "report_decoder");
    return missing.empty() ? std::string() : std::string("task ") + toString(task) + " needs the bundle component(s) " + missing;
}

bool Generator::supports(Task task) const { return whyUnsupported(task).empty(); }

std::vector<Task> Generator::tasks() const
{
    std::vector<Task> out;
    for (Task t : kAllTasks)
        if (supports(t))
            out.push_back(t);
    return out;
}

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

struct Cancelled {};


ImageData toImage(const torch::Tensor &t) // [H, W]
{
    auto c = t.detach().to(torch::kCPU).to(torch::kFloat32).clamp(0, 1).contiguous();
    ImageData out;
    out.height = int(c.size(0));
    out.width = int(c.size(1));
    out.pixels.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return out;
}

// Composed guidance for Runner::generateView (off: plain classifier-free guidance).
struct ComposedGuidance {
    bool enabled = false;
    double firstScale = 1;
};

class Runner {
public:
    Runner(ModelSet &m, const Request &r, const Progress &p, const std::atomic_bool *c) : models(m), request(r), progress(p), cancel(c) {}

    void checkCancel() const
    {
        if (cancel && cancel->load())
            throw Cancelled{};
    }
    void tick()
    {
        ++done;
        if (progress)
            progress(done, total);
    }

    // Each slot's tokens repeated per variant (a slot may already hold one row per variant).
    static std::vector<std::pair<int, torch::Tensor>> repeatSlots(const std::vector<std::pair<int, torch::Tensor>> &slots, int variants)
    {
        std::vector<std::pair<int, torch::Tensor>> repeated;
        for (const auto &[slot, tokens] : slots)
            repeated.emplace_back(slot, tokens.size(0) == 1 ? tokens.repeat({variants, 1, 1}) : tokens);
        return repeated;
    }

    // The sampler from seeded noise (one noise per variant) with the given noise model.
    torch::Tensor runSampler(int variants, uint64_t seed, const NoiseModel &model)
    {
        const ModelConfig &cfg = models.info.config;
        const int S = cfg.latentSize();
        std::vector<torch::Tensor> noises;
        for (int v = 0; v < variants; ++v) {
            at::Generator g = makeGenerator(seed + uint64_t(v));
            noises.push_back(torch::randn({1, cfg.latentChannels, S, S}, g, torch::TensorOptions().dtype(torch::kFloat32)));
        }
        auto x = torch::cat(noises, 0).to(models.device);
        at::Generator stepNoise = makeGenerator(seed ^ 0x9E3779B97F4A7C15ULL);
        Schedule schedule(cfg.diffusionSteps);
        auto z = sample(schedule, request.sampler == Sampler::Ddim ? SamplerKind::Ddim : SamplerKind::DpmSolver2M, request.steps,
                        request.eta, x, model, stepNoise, [&](int i) {
                            if (i > 0)
                                tick();
                            return !(cancel && cancel->load());
                        });
        if (!z.defined())
            throw Cancelled{};
        tick();
        return z;
    }

    // Image generation for one view from the given context slots.
    // `spatial`: the other view's scaled latent ([1 or variants, C, S, S]) for bundles with spatial
    // conditioning, else undefined.
    // `composed`: composed guidance (as in Composable Diffusion) for a first slot (the generated
    // frontal, with the spatial condition) on top of the other slots B (the report):
    //   eps = eps(null) + guidance * (eps(B) - eps(null)) + firstScale * (eps(all) - eps(B)),
    // so the report draws its findings as it does alone (R2L) and the frontal adds only as much
    // as firstScale asks; firstScale == guidance is plain guidance on all slots together.
    torch::Tensor generateView(UNet &unet, const std::vector<std::pair<int, torch::Tensor>> &slots, int variants, uint64_t seed,
                               const torch::Tensor &spatial = {}, ComposedGuidance composed = {})
    {
        if (composed.enabled && slots.size() >= 2)
            return generateViewComposed(unet, slots, variants, seed, spatial, composed.firstScale);
        // Conditional context repeated per variant, and the unconditional (null-only) context of
        // the same length for classifier-free guidance.
        const auto repeated = repeatSlots(slots, variants);
        Context cond = unet->buildContext(repeated, {});
        const bool guided = request.guidance != 1.0 && !slots.empty();
        Context both = cond;
        torch::Tensor condition; // spatial condition; the unconditional branch has none
        if (unet->config.spatialCondition && spatial.defined()) {
            auto c = UNetImpl::spatialCondition(spatial, {});
            condition = c.size(0) == 1 ? c.repeat({variants, 1, 1, 1}) : c;
        }
        if (guided) {
            auto uncondMask = torch::zeros_like(cond.mask);
            uncondMask.narrow(1, 0, 1).fill_(true);
            both.tokens = torch::cat({cond.tokens, cond.tokens}, 0);
            both.mask = torch::cat({cond.mask, uncondMask}, 0);
            if (condition.defined())
                condition = torch::cat({condition, torch::zeros_like(condition)}, 0);
        }
        const double g = request.guidance;
        NoiseModel model = [&](const torch::Tensor &xt, int64_t t) {
            auto input = guided ? torch::cat({xt, xt}, 0) : xt;
            auto times = torch::full({input.size(0)}, t, torch::TensorOptions().dtype(torch::kLong).device(models.device));
            auto eps = unet->forward(input, times, both, condition);
            if (!guided)
                return eps;
            auto parts = eps.chunk(2, 0);
            return parts[1] + g * (parts[0] - parts[1]);
        };
        return runSampler(variants, seed, model);
    }

    torch::Tensor generateViewComposed(UNet &unet, const std::vector<std::pair<int, torch::Tensor>> &slots, int variants,
                                       uint64_t seed, const torch::Tensor &spatial, double firstScale)
    {
        const auto repeated = repeatSlots(slots, variants);
        Context cond = unet->buildContext(repeated, {});
        // Branches: all slots; all but the first (its columns follow the null token); null only.
        auto baseMask = cond.mask.clone();
        baseMask.narrow(1, 1, repeated.front().second.size(1)).fill_(false);
        auto nullMask = torch::zeros_like(cond.mask);
        nullMask.narrow(1, 0, 1).fill_(true);
        Context all;
        all.tokens = cond.tokens.repeat({3, 1, 1});
        all.mask = torch::cat({cond.mask, baseMask, nullMask}, 0);
        torch::Tensor condition; // the spatial condition belongs to the first slot (the other view)
        if (unet->config.spatialCondition && spatial.defined()) {
            auto c = UNetImpl::spatialCondition(spatial, {});
            c = c.size(0) == 1 ? c.repeat({variants, 1, 1, 1}) : c;
            condition = torch::cat({c, torch::zeros_like(c), torch::zeros_like(c)}, 0);
        }
        const double g = request.guidance;
        NoiseModel model = [&](const torch::Tensor &xt, int64_t t) {
            auto input = xt.repeat({3, 1, 1, 1});
            auto times = torch::full({input.size(0)}, t, torch::TensorOptions().dtype(torch::kLong).device(models.device));
            auto parts = unet->forward(input, times, all, condition).chunk(3, 0);
            return parts[2] + g * (parts[1] - parts[2]) + firstScale * (parts[0] - parts[1]);
        };
        return runSampler(variants, seed, model);
    }

    // Scaled latent of images [B, 1, R, R] (the autoencoder's mean), as the UNets were trained on.
    torch::Tensor encodeLatents(const torch::Tensor &images)
    {
        return models.autoencoder->encode(images).first * models.autoencoder->latentScale;
    }

    torch::Tensor decodeLatents(const torch::Tensor &z)
    {
        auto scale = models.autoencoder->latentScale.item<double>();
        return models.autoencoder->decode(z / scale).clamp(0, 1);
    }

    // The decoding rules on one row of log-probabilities for the token after `hist` (`length`
    // tokens including <bos>): no special tokens, no early end, repetition penalty, no repeated n-gram.
    void applyBans(float *row, const std::vector<int> &hist, int length) const
    {
        // <unk> is never written into a report: a draft with "<unk>" in it is useless to a reader.
        row[Tokenizer::kPad] = row[Tokenizer::kBos] = row[Tokenizer::kUnk] = -1e9f;
        if (length - 1 < request.minTokens)
            row[Tokenizer::kEos] = -1e9f;
        if (request.repetitionPenalty > 1.0)
            for (size_t i = 1; i < hist.size(); ++i) {
                float &v = row[hist[i]];
                v -= float(std::log(request.repetitionPenalty));
            }
        const int n = request.noRepeatNgram;
        if (n > 0 && int(hist.size()) >= n) {
            // Ban tokens that would repeat an n-gram already generated.
            for (size_t s = 0; s + size_t(n) <= hist.size(); ++s) {
                bool match = true;
                for (int k = 0; k < n - 1; ++k)
                    if (hist[s + size_t(k)] != hist[hist.size() - size_t(n - 1) + size_t(k)]) {
                        match = false;
                        break;
                    }
                if (match && s + size_t(n) - 1 < hist.size())
                    row[hist[s + size_t(n) - 1]] = -1e9f;
            }
        }
    }

    std::string generateReport(const torch::Tensor &frontalTokens, const torch::Tensor &lateralTokens)
    {
        return models.tokenizer.decode(generateReportIds(frontalTokens, lateralTokens));
    }

    // The beam/greedy draft's token ids; with a beam of 1 its decoder cache is kept (greedyCache)
    // for rewriteComposed.
    std::vector<int> generateReportIds(const torch::Tensor &frontalTokens, const torch::Tensor &lateralTokens)
    {
        auto &dec = models.reportDecoder;
        const ModelConfig &cfg = models.info.config;
        const int maxTokens = request.maxTokens > 0 ? std::min(request.maxTokens, cfg.maxTokens) : cfg.maxTokens;
        const int beam = std::max(1, request.beamWidth);
        Context ctx = dec->buildContext(frontalTokens, lateralTokens);
        ctx.tokens = ctx.tokens.repeat({beam, 1, 1});
        struct Hypothesis {
            std::vector<int> ids{Tokenizer::kBos};
            double score = 0;
            bool finished = false;
        };
        std::vector<Hypothesis> beams(1);
        std::vector<Hypothesis> finished;
        DecoderCache cache; // keys/values of each hypothesis's prefix: one token of work per step
        for (int length = 1; length < maxTokens; ++length) {
            checkCancel();
            std::vector<int64_t> last;
            for (const auto &h : beams)
                last.push_back(h.ids.back());
            auto lastIds = torch::tensor(last, torch::kLong).to(models.device);
            auto logits = dec->step(lastIds, length - 1, ctx, cache).to(torch::kCPU).to(torch::kFloat32); // [n, V]
            auto logProbs = torch::log_softmax(logits, -1).contiguous();
            const int V = int(logProbs.size(1));
            float *data = logProbs.data_ptr<float>();
            struct Candidate {
                double score;
                size_t beam;
                int token;
            };
            std::vector<Candidate> candidates;
            for (size_t b = 0; b < beams.size(); ++b) {
                float *row = data + b * size_t(V);
                applyBans(row, beams[b].ids, length);
                // Top `beam` tokens of this hypothesis.
                std::vector<int> order(static_cast<size_t>(V));
                for (int i = 0; i < V; ++i)
                    order[size_t(i)] = i;
                std::partial_sort(order.begin(), order.begin() + std::min(beam, V), order.end(), [&](int a, int b2) { return row[a] > row[b2]; });
                for (int k = 0; k < std::min(beam, V); ++k)
                    candidates.push_back({beams[b].score + row[order[size_t(k)]], b, order[size_t(k)]});
            }
            std::sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
            std::vector<Hypothesis> next;
            std::vector<int64_t> parents;
            for (const auto &c : candidates) {
                Hypothesis h = beams[c.beam];
                h.ids.push_back(c.token);
                h.score = c.score;
                if (c.token == Tokenizer::kEos) {
                    finished.push_back(h);
                } else {
                    next.push_back(h);
                    parents.push_back(int64_t(c.beam));
                }
                if (int(next.size()) >= beam)
                    break;
            }
            if (!next.empty())
                cache.reorder(torch::tensor(parents, torch::kLong).to(models.device));
            tick();
            if (beam == 1 && !finished.empty())
                break;
            if (int(finished.size()) >= beam || next.empty())
                break;
            beams = std::move(next);
        }
        if (finished.empty())
            finished = beams;
        auto normalised = [&](const Hypothesis &h) { return h.score / std::pow(double(h.ids.size()), request.lengthPenalty); };
        const Hypothesis *best = &finished.front();
        for (const auto &h : finished)
            if (normalised(h) > normalised(*best))
                best = &h;
        greedyCache = beam == 1 ? cache : DecoderCache{};
        return best->ids;
    }

    // One token drawn from a row of `V` log-probabilities at `temperature` (one uniform draw).
    static int sampleToken(const float *row, int V, double temperature, std::mt19937_64 &random, std::uniform_real_distribution<double> &uniform)
    {
        const float top = *std::max_element(row, row + V);
        std::vector<double> weights(static_cast<size_t>(V));
        double sum = 0;
        for (int i = 0; i < V; ++i)
            sum += weights[size_t(i)] = std::exp((double(row[i]) - top) / temperature);
        double pick = uniform(random) * sum;
        for (int i = 0; i < V; ++i)
            if ((pick -= weights[size_t(i)]) <= 0)
                return i;
        return V - 1;
    }

    // `count` drafts sampled token by token at `temperature` under the same decoding rules as the
    // beam search (no progress ticks: the draft's ticks stand for the report).
    std::vector<std::string> sampleReports(const torch::Tensor &frontalTokens, const torch::Tensor &lateralTokens, int count, double temperature,
                                           uint64_t seed)
    {
        auto &dec = models.reportDecoder;
        const ModelConfig &cfg = models.info.config;
        const int maxTokens = request.maxTokens > 0 ? std::min(request.maxTokens, cfg.maxTokens) : cfg.maxTokens;
        Context ctx = dec->buildContext(frontalTokens, lateralTokens);
        ctx.tokens = ctx.tokens.repeat({count, 1, 1});
        std::vector<std::vector<int>> ids(size_t(count), std::vector<int>{Tokenizer::kBos});
        std::vector<bool> finished(size_t(count), false);
        DecoderCache cache;
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (int length = 1; length < maxTokens; ++length) {
            checkCancel();
            std::vector<int64_t> last;
            for (const auto &h : ids)
                last.push_back(h.back());
            auto lastIds = torch::tensor(last, torch::kLong).to(models.device);
            auto logProbs = torch::log_softmax(dec->step(lastIds, length - 1, ctx, cache).to(torch::kCPU).to(torch::kFloat32), -1).contiguous();
            const int V = int(logProbs.size(1));
            float *data = logProbs.data_ptr<float>();
            bool open = false;
            for (size_t b = 0; b < ids.size(); ++b) {
                if (finished[b])
                    continue;
                float *row = data + b * size_t(V);
                applyBans(row, ids[b], length);
                const int token = sampleToken(row, V, temperature, random, uniform);
                ids[b].push_back(token);
                finished[b] = token == Tokenizer::kEos;
                open = open || !finished[b];
            }
            if (!open)
                break;
        }
        sampledCache = cache;
        sampledIds = ids;
        std::vector<std::string> out;
        for (const auto &h : ids)
            out.push_back(models.tokenizer.decode(h));
        return out;
    }

    // Token spans [begin, end) of the sentences of a draft's ids (<bos> first): a leading section
    // header ("impression :") is not part of a sentence, a sentence ends after '.', '?' or '!'.
    std::vector<std::pair<size_t, size_t>> sentenceSpans(const std::vector<int> &ids) const
    {
        static const std::set<std::string> headers = {"findings", "impression", "comparison", "indication"};
        std::vector<std::pair<size_t, size_t>> spans;
        size_t i = 1;
        while (i < ids.size() && ids[i] != Tokenizer::kEos) {
            if (i + 1 < ids.size() && headers.count(models.tokenizer.token(ids[i])) && models.tokenizer.token(ids[i + 1]) == ":") {
                i += 2;
                continue;
            }
            size_t end = i;
            while (end < ids.size() && ids[end] != Tokenizer::kEos) {
                const std::string &t = models.tokenizer.token(ids[end++]);
                if (t == "." || t == "?" || t == "!")
                    break;
            }
            spans.emplace_back(i, end);
            i = end;
        }
        return spans;
    }

    // Composed sentences of a draft rewritten by the model itself (docs/GENERATION.md, "Sentences
    // radiologists wrote, and composed ones"): for each sentence of `ids` that no training report
    // holds, `count` continuations of the draft up to that sentence are sampled at `temperature`,
    // to the sentence's end; the likeliest one that a training report holds and that states the
    // same findings takes its place: the same value for all 14 observations labelled alone by
    // `labeler`, or else the whole draft's 14 values unchanged with it in place ("Right lower
    // hemithorax." may become "Multifocal right-sided pneumonia." in a draft that states the
    // pneumonia already), provided it names no side or size the composed one does not ("left", "bilateral",
    // "small", "large"... : the labeler's 14 values do not hold them). A composed sentence stating
    // no finding is only replaced by one sharing a word with it (besides "the", "of"...), so that
    // nonsense does not become "No acute disease."; and the draft must not contradict itself more
    // than before (`contradictions`, when given). The rest of
    // the draft stays as it was; what the draft states per the labeler does not change. `cache`
    // holds the decoder's keys and values of the draft's first `cached` tokens (none: fed anew).
    // Returns the sentences replaced.
    int rewriteComposed(std::vector<int> &ids, DecoderCache base, size_t cached, const Context &context, int count, double temperature,
                        uint64_t seed, const SentenceSet &known, const ReportLabeler &labeler, const ReportContradictions &contradictions)
    {
        auto &dec = models.reportDecoder;
        const Tokenizer &tok = models.tokenizer;
        const ModelConfig &cfg = models.info.config;
        const int maxTokens = request.maxTokens > 0 ? std::min(request.maxTokens, cfg.maxTokens) : cfg.maxTokens;
        auto textOf = [&](const std::vector<int> &piece) {
            std::vector<int> withBos{Tokenizer::kBos};
            withBos.insert(withBos.end(), piece.begin(), piece.end());
            return tok.decode(withBos);
        };
        auto contentWords = [](const std::string &normalised) {
            static const std::set<std::string> function = {"the", "a", "an", "and", "or", "of", "with", "to", "in", "on", "at", "by", "for",
                                                           "is", "are", "was", "were", "be", "there", "this", "that", "as", "has", "have"};
            std::set<std::string> words;
            std::istringstream in(normalised);
            for (std::string w; in >> w;)
                if (!function.count(w))
                    words.insert(w);
            return words;
        };
        auto qualifiers = [](const std::set<std::string> &words) {
            static const std::set<std::string> sideAndSize = {"left", "right", "bilateral", "bibasilar", "bibasal", "both", "biapical",
                                                              "small", "large", "mild", "mildly", "moderate", "moderately", "severe",
                                                              "minimal", "tiny", "trace", "massive", "marked", "markedly", "extensive"};
            std::set<std::string> out;
            for (const auto &w : words)
                if (sideAndSize.count(w))
                    out.insert(w);
            return out;
        };
        Context many = context;
        many.tokens = context.tokens.narrow(0, 0, 1).repeat({count, 1, 1});
        if (context.mask.defined())
            many.mask = context.mask.narrow(0, 0, 1).repeat({count, 1});
        if (cached == 0)
            base = DecoderCache{};
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        int replaced = 0;
        for (size_t s = 0;; ++s) {
            const auto spans = sentenceSpans(ids);
            if (s >= spans.size())
                break;
            const auto [begin, end] = spans[s];
            const std::vector<int> sentence(ids.begin() + long(begin), ids.begin() + long(end));
            const std::string text = textOf(sentence);
            const auto pieces = SentenceSet::sentences(text);
            if (pieces.size() != 1 || known.contains(pieces.front()))
                continue;
            checkCancel();
            const ReportLabels target = labeler(text);
            bool statesFinding = false;
            for (int k = 1; k < kObservationCount; ++k)
                statesFinding = statesFinding || target[size_t(k)] != 0;
            const std::set<std::string> ownWords = contentWords(pieces.front()), ownQualifiers = qualifiers(ownWords);
            // The single-row cache up to the token before the sentence (the last one is fed below).
            while (cached + 1 < begin) {
                auto id = torch::tensor(std::vector<int64_t>{ids[cached]}, torch::kLong).to(models.device);
                dec->step(id, int64_t(cached), many, base);
                ++cached;
            }
            if (cached + 1 > begin) {
                for (auto *list : {&base.selfKeys, &base.selfValues})
                    for (auto &t : *list)
                        if (t.defined())
                            t = t.narrow(1, 0, int64_t(begin - 1));
                cached = begin - 1;
            }
            DecoderCache work = base;
            auto lastId = torch::tensor(std::vector<int64_t>{ids[begin - 1]}, torch::kLong).to(models.device);
            auto first = dec->step(lastId, int64_t(begin - 1), many, work).to(torch::kCPU).to(torch::kFloat32);
            work.reorder(torch::zeros({count}, torch::kLong).to(models.device));
            torch::Tensor logits = first.repeat({count, 1});
            std::vector<std::vector<int>> rows(size_t(count), std::vector<int>(ids.begin(), ids.begin() + long(begin)));
            std::vector<double> logLik(size_t(count), 0.0);
            std::vector<bool> done(size_t(count), false);
            const int longest = std::min<int>(40, maxTokens - int(begin) - 1);
            for (int k = 0; k < longest; ++k) {
                if (k > 0) {
                    std::vector<int64_t> last;
                    for (const auto &r : rows)
                        last.push_back(r.back());
                    logits = dec->step(torch::tensor(last, torch::kLong).to(models.device), int64_t(begin) + k - 1, many, work)
                                 .to(torch::kCPU)
                                 .to(torch::kFloat32);
                }
                auto logProbs = torch::log_softmax(logits, -1).contiguous();
                const int V = int(logProbs.size(1));
                float *data = logProbs.data_ptr<float>();
                bool open = false;
                for (size_t b = 0; b < rows.size(); ++b) {
                    if (done[b])
                        continue;
                    float *row = data + b * size_t(V);
                    applyBans(row, rows[b], int(rows[b].size()));
                    row[Tokenizer::kEos] = -1e9f; // a sentence, not the draft's end
                    const int token = sampleToken(row, V, temperature, random, uniform);
                    rows[b].push_back(token);
                    logLik[b] += row[token];
                    const std::string &t = tok.token(token);
                    done[b] = t == "." || t == "?" || t == "!";
                    open = open || !done[b];
                }
                if (!open)
                    break;
            }
            int best = -1, bestTier = 2;
            const std::string draftText = tok.decode(ids);
            const ReportLabels draftLabels = labeler(draftText);
            const int draftContradictions = contradictions ? contradictions(draftText) : 0;
            for (size_t b = 0; b < rows.size(); ++b) {
                if (!done[b])
                    continue;
                const std::vector<int> piece(rows[b].begin() + long(begin), rows[b].end());
                const std::string candidate = textOf(piece);
                const auto normal = SentenceSet::sentences(candidate);
                if (normal.size() != 1 || !known.contains(normal.front()) ||
                    std::count(piece.begin(), piece.end(), tok.id("xxxx")) > 0) // a radiologist's, but anonymised: a fragment
                    continue;
                const auto words = contentWords(normal.front());
                const auto named = qualifiers(words);
                if (!std::includes(ownQualifiers.begin(), ownQualifiers.end(), named.begin(), named.end()))
                    continue;
                if (!statesFinding && std::none_of(words.begin(), words.end(), [&](const std::string &w) { return ownWords.count(w) > 0; }))
                    continue;
                // The draft with the candidate in its place (made once, when a check needs it).
                std::string whole;
                auto wholeText = [&]() -> const std::string & {
                    if (whole.empty()) {
                        std::vector<int> replaced = rows[b];
                        replaced.insert(replaced.end(), ids.begin() + long(end), ids.end());
                        whole = tok.decode(replaced);
                    }
                    return whole;
                };
                // The same findings: the sentence's own, or else the whole draft's with it in place.
                const int tier = labeler(candidate) == target ? 0 : 1;
                if (tier == 1) {
                    // A sentence that states a finding gives way only to one about the same thing
                    // (a word in common besides sides and sizes): "The cardiomediastinal silhouette
                    // is focal airspace disease." may become "The cardiomediastinal silhouette is
                    // within normal limits.", "Small left basilar opacities." never "Heart size normal.".
                    if (statesFinding && std::none_of(words.begin(), words.end(), [&](const std::string &w) {
                            return ownWords.count(w) > 0 && qualifiers({w}).empty();
                        }))
                        continue;
                    if (labeler(wholeText()) != draftLabels)
                        continue;
                }
                // "No focal consolidation." in a draft stating a pneumonia: the same 14 values
                // (absent and unmentioned are both 0), but a contradiction.
                if (contradictions && contradictions(wholeText()) > draftContradictions)
                    continue;
                if (best < 0 || tier < bestTier || (tier == bestTier && logLik[b] > logLik[size_t(best)])) {
                    best = int(b);
                    bestTier = tier;
                }
            }
            if (best < 0)
                continue;
            std::vector<int> next = rows[size_t(best)];
            next.insert(next.end(), ids.begin() + long(end), ids.end());
            if (int(next.size()) > maxTokens) {
                next.resize(size_t(maxTokens - 1));
                next.push_back(Tokenizer::kEos);
            }
            ids = std::move(next);
            ++replaced;
            // The row's cache holds the new prefix up to the sentence's start.
            base = work;
            base.reorder(torch::tensor(std::vector<int64_t>{best}, torch::kLong).to(models.device));
            for (auto *list : {&base.selfKeys, &base.selfValues})
                for (auto &t : *list)
                    if (t.defined())
                        t = t.narrow(1, 0, int64_t(begin));
            cached = begin;
        }
        return replaced;
    }

    DecoderCache greedyCache, sampledCache;   // the drafts' decoder caches (rewriteComposed)
    std::vector<std::vector<int>> sampledIds; // the sampled drafts' token ids

    ModelSet &models;
    const Request &request;
    const Progress &progress;
    const std::atomic_bool *cancel;
    int done = 0, total = 0;
};

// The draft whose findings are most likely under the classifiers' probabilities `p`: the sum over
// observations of log p (stated, or uncertain) or log (1 - p) (not stated). The first of equals
// wins, so the beam/greedy draft (index 0) is kept unless a sampled one reads the image better.
// The log-likelihood of each draft's findings (the labeler's) under the classifiers'
// probabilities `p`: sum of log p for the findings it states, log(1 - p) for the others.
std::vector<double> scoreReports(const std::vector<std::string> &drafts, const std::vector<float> &p, const ReportLabeler &labeler)
{
    std::vector<double> scores;
    scores.reserve(drafts.size());
    for (const auto &draft : drafts) {
        const ReportLabels labels = labeler(draft);
        double score = 0;
        for (int k = 0; k < kObservationCount; ++k) {
            const double q = std::clamp(double(p[size_t(k)]), 0.01, 0.99);
            score += labels[size_t(k)] != 0 ? std::log(q) : std::log(1 - q);
        }
        scores.push_back(score);
    }
    return scores;
}

// How well the sides a draft states agree with the frontal classifier's side evidence: per
// `sided` observation (no finding apart) stated on one side only, log 2q, q the logistic of the evidence
// toward that side (clamped to 0.01..0.99): 0 for a coin toss, up to log 2 where the classifier
// agrees, below where it sees the finding on the other side. Bilateral or unsided: 0.
double sideScore(const ReportSides &sides, const std::vector<float> &evidence, const std::array<bool, kObservationCount> &sided)
{
    double score = 0;
    for (size_t k = 1; k < sides.size() && k < evidence.size(); ++k) {
        if (!sided[k] || (sides[k] != 1 && sides[k] != 2))
            continue;
        const double toward = sides[k] == 2 ? evidence[k] : -evidence[k]; // evidence: left positive
        const double q = std::clamp(1.0 / (1.0 + std::exp(-toward)), 0.01, 0.99);
        score += std::log(2 * q);
    }
    return score;
}

// The likeliest draft; the first (the greedy/beam draft) wins ties.
int chooseReport(const std::vector<double> &scores)
{
    int best = 0;
    for (size_t i = 1; i < scores.size(); ++i)
        if (scores[i] > scores[size_t(best)] + 1e-9)
            best = int(i);
    return best;
}

Status checkImage(const ImageData &image, const char *what)
{
    if (image.empty())
        return Status::error(std::string("the task needs a ") + what + " image and none was given");
    if (image.width <= 0 || image.height <= 0 || size_t(image.width) * size_t(image.height) != image.pixels.size())
        return Status::error(std::string("the ") + what + " image's size does not match its pixel count");
    if (image.width > 16384 || image.height > 16384)
        return Status::error(std::string("the ") + what + " image is too large");
    return Status::ok();
}
} // namespace

ReportLabels withNoFindingAsChexpert(ReportLabels labels)
{
    static_assert(std::string_view(kObservationNames[0]) == "no_finding");
    static_assert(std::string_view(kObservationNames[kObservationCount - 1]) == "support_devices");
    bool finding = false;
    for (int k = 1; k + 1 < kObservationCount; ++k)
        finding = finding || labels[size_t(k)] != 0;
    labels[0] = int8_t(finding ? 0 : 1);
    return labels;
}

Outcome<Generation> Generator::run(const Request &asked, const Progress &progress, const std::atomic_bool *cancel)
{
    using R = Outcome<Generation>;
    const auto start = Clock::now();
    Request request = asked;
    if (request.guidance < 0)
        request.guidance = recommendedGuidance(request.task);
    if (request.beamWidth <= 0)
        request.beamWidth = recommendedBeam(request.task);
    const std::string why = whyUnsupported(request.task);
    if (!why.empty())
        return R::failure("this model bundle cannot do " + std::string(toString(request.task)) + ": " + why);
    const TaskSpec spec = taskSpec(request.task);
    if (spec.needsFrontal) {
        Status s = checkImage(request.frontal, "frontal");
        if (!s)
            return R(s);
    }
    if (spec.needsLateral) {
        Status s = checkImage(request.lateral, "lateral");
        if (!s)
            return R(s);
    }
    if (spec.needsReport && request.report.find_first_not_of(" \t\r\n") == std::string::npos)
        return R::failure("the task needs a report text and none was given");
    if (request.steps < 1 || request.steps > 1000)
        return R::failure("steps must be between 1 and 1000");
    if (request.variants < 1 || request.variants > 16)
        return R::failure("variants must be between 1 and 16");
    if (!(request.guidance >= 0 && request.guidance <= 50))
        return R::failure("guidance must be between 0 and 50");

    ModelSet &m = m_impl->models;
    const ModelConfig &cfg = m.info.config;
    Generation out;
    out.model = m.info.identity;
    out.task = toString(request.task);
    out.seed = request.seed;
    out.steps = request.steps;
    out.guidance = request.guidance;
    Runner runner(m, request, progress, cancel);
    const int imageOutputs = int(spec.makesFrontal) + int(spec.makesLateral);
    runner.total = imageOutputs * request.steps +
                   (spec.makesReport ? (request.maxTokens > 0 ? std::min(request.maxTokens, cfg.maxTokens) : cfg.maxTokens) - 1 : 0);
    try {
        torch::NoGradGuard noGrad;
        auto t0 = Clock::now();
        torch::Tensor frontalTokens, lateralTokens, reportTokens, reportMask, frontalInput, lateralInput;
        // The image generators read the aligned encoder's tokens of the input views; a report
        // generator with its own image encoder reads its own, so a report-only task needs none.
        const bool ownReportEncoder = spec.makesReport && bool(m.reportDecoder->imageEncoder);
        const bool alignedTokens = spec.makesFrontal || spec.makesLateral || !ownReportEncoder;
        int inputSide = 0; // the side GeneratedImage::upsampled is made at
        if (spec.needsFrontal) {
            frontalInput = inputImage(request.frontal, cfg.resolution).to(m.device);
            inputSide = std::max(request.frontal.width, request.frontal.height);
            if (alignedTokens)
                frontalTokens = m.encoders->encodeImage(frontalInput).first;
        }
        if (spec.needsLateral) {
            const int side = std::max(request.lateral.width, request.lateral.height);
            lateralInput = inputImage(request.lateral, cfg.resolution).to(m.device);
            if (alignedTokens)
                lateralTokens = m.encoders->encodeImage(lateralInput).first;
            if (!inputSide)
                inputSide = side;
        }
        if (spec.needsReport) {
            auto ids = m.tokenizer.encode(request.report, cfg.maxTokens);
            auto t = torch::tensor(std::vector<int64_t>(ids.begin(), ids.end()), torch::kLong).view({1, -1}).to(m.device);
            reportTokens = m.encoders->encodeText(t).first;
        }
        if (request.outputSide > 0 && (spec.needsFrontal || spec.needsLateral))
            inputSide = request.outputSide;
        out.timings.encodeMs = msSince(t0);

        auto emit = [&](View view, const torch::Tensor &images) {
            for (int64_t v = 0; v < images.size(0); ++v) {
                GeneratedImage g;
                g.view = view;
                g.variant = int(v);
                g.image = toImage(images[v][0]);
                if (inputSide > 0 && inputSide != cfg.resolution)
                    g.upsampled = toImage(resizeImages(images.narrow(0, v, 1), inputSide)[0][0]);
                out.images.push_back(std::move(g));
            }
        };
        // Report tokens carry no padding here (one report), so no slot mask is needed.
        torch::Tensor frontalImages;
        if (spec.makesFrontal) {
            std::vector<std::pair<int, torch::Tensor>> slots;
            if (lateralTokens.defined())
                slots.emplace_back(kSlotLateral, lateralTokens);
            if (reportTokens.defined())
                slots.emplace_back(kSlotReport, reportTokens);
            auto t1 = Clock::now();
            torch::Tensor spatial;
            if (cfg.spatialCondition && lateralInput.defined())
                spatial = runner.encodeLatents(lateralInput);
            auto z = runner.generateView(m.frontal, slots, request.variants, request.seed, spatial);
            out.timings.sampleMs += msSince(t1);
            auto t2 = Clock::now();
            frontalImages = runner.decodeLatents(z);
            out.timings.decodeMs += msSince(t2);
            emit(View::Frontal, frontalImages);
        }
        if (spec.makesLateral) {
            std::vector<std::pair<int, torch::Tensor>> slots;
            torch::Tensor conditionFrontal = frontalTokens, spatial;
            int variants = request.variants;
            if (frontalImages.defined()) {
                // Joint R -> F + L: each lateral is conditioned on the report and on its own
                // generated frontal (sequential conditioning, see docs/GENERATION.md).
                auto t1 = Clock::now();
                conditionFrontal = m.encoders->encodeImage(frontalImages).first;
                if (cfg.spatialCondition)
                    spatial = runner.encodeLatents(frontalImages);
                out.timings.encodeMs += msSince(t1);
            } else if (cfg.spatialCondition && frontalInput.defined()) {
                spatial = runner.encodeLatents(frontalInput);
            }
            if (conditionFrontal.defined())
                slots.emplace_back(kSlotFrontal, conditionFrontal);
            if (reportTokens.defined())
                slots.emplace_back(kSlotReport, reportTokens);
            auto t1 = Clock::now();
            // A bundle whose manifest names "lateral_frontal_guidance" for R2FL samples the joint
            // lateral with composed guidance: the report's term at the request's scale, the
            // generated frontal's on top of it at that scale (older bundles: one joint term).
            ComposedGuidance composed;
            const Json &joint = m.info.sampling[toString(Task::R2FL)]["lateral_frontal_guidance"];
            if (frontalImages.defined() && reportTokens.defined() && joint.isNumber()) {
                composed.enabled = true;
                composed.firstScale = std::clamp(joint.toNumber(1.0), 0.0, 50.0);
            }
            torch::Tensor z = runner.generateView(m.lateral, slots, variants, request.seed + 1000003ULL, spatial, composed);
            out.timings.sampleMs += msSince(t1);
            auto t2 = Clock::now();
            auto images = runner.decodeLatents(z);
            out.timings.decodeMs += msSince(t2);
            emit(View::Lateral, images);
        }
        if (spec.makesReport) {
            auto t1 = Clock::now();
            auto &dec = *m.reportDecoder;
            auto reportContext = [&](const torch::Tensor &input, const torch::Tensor &aligned) {
                return ownReportEncoder && input.defined() ? dec.imageTokens(input, *m.encoders) : aligned;
            };
            const torch::Tensor frontalContext = reportContext(frontalInput, frontalTokens), lateralContext = reportContext(lateralInput, lateralTokens);
            const std::vector<int> greedyIds = runner.generateReportIds(frontalContext, lateralContext);
            out.report = m.tokenizer.decode(greedyIds);
            const Json &choice = m.info.sampling[toString(request.task)];
            const int candidates = std::clamp(request.reportCandidates > 0 ? request.reportCandidates : choice["candidates"].toInt(1), 1, 64);
            if (candidates > 1 && canGuideReports(request.task)) {
                // Finding-guided drafting: what the classifiers read in the input view(s) (the
                // mean of both when there are two) decides between the draft and sampled ones.
                std::vector<float> p(kObservationCount, 0.0f);
                int views = 0;
                for (int v = 0; v < 2; ++v) {
                    const ImageData &image = v == 0 ? request.frontal : request.lateral;
                    if (!(v == 0 ? spec.needsFrontal : spec.needsLateral))
                        continue;
                    auto scores = m_impl->findings[v]->predict({&image});
                    if (!scores)
                        return R(scores.status());
                    for (int k = 0; k < kObservationCount; ++k)
                        p[size_t(k)] += scores.value()[0][size_t(k)];
                    ++views;
                }
                for (float &x : p)
                    x /= float(views);
                const double temperature = request.reportTemperature > 0 ? request.reportTemperature : choice["temperature"].toNumber(1.0);
                std::vector<std::string> drafts{out.report};
                for (auto &d : runner.sampleReports(frontalContext, lateralContext, candidates - 1, std::clamp(temperature, 0.05, 5.0), request.seed + 7919ULL))
                    drafts.push_back(std::move(d));
                // The lung findings' log-odds shifted by the bias where the drafts are weighed
                // (docs/GENERATION.md, "Finding-guided drafting").
                const double bias = std::isfinite(request.lungFindingBias) ? request.lungFindingBias
                                                                          : choice["lung_finding_bias"].toNumber(0.0);
                out.lungFindingBias = std::clamp(bias, -10.0, 10.0);
                std::vector<float> weighed = p; // with no bias, the classifiers' own, bit for bit
                if (out.lungFindingBias != 0)
                    for (const char *name : {"lung_opacity", "consolidation", "pneumonia"}) {
                        const size_t k = observationIndex(name);
                        const double q = std::clamp(double(p[k]), 1e-6, 1 - 1e-6);
                        weighed[k] = float(1.0 / (1.0 + std::exp(-(std::log(q / (1 - q)) + out.lungFindingBias))));
                    }
                out.finishedDrafts = request.finishedDrafts >= 0 ? request.finishedDrafts > 0 : choice["finished_drafts"].toBool(false);
                std::vector<std::string> finished; // the texts weighed, when not the drafts themselves
                if (out.finishedDrafts) {
                    // Each draft read as the reader gets it: a finding in a sentence the final pass
                    // removes (a fragment, the losing side of a contradiction) is not one it
                    // states; and "no finding" as CheXpert defines it, no finding present or
                    // uncertain but support devices, so that a draft the pass leaves stating
                    // nothing reads as the normal study it describes, not as an agnostic one.
                    for (const std::string &d : drafts)
                        finished.push_back(m_impl->draftFinisher ? m_impl->draftFinisher(d, p) : d);
                    const ReportLabeler chexpert = [&](const std::string &text) { return withNoFindingAsChexpert(m_impl->labeler(text)); };
                    out.reportScores = scoreReports(finished, weighed, chexpert);
                } else {
                    out.reportScores = scoreReports(drafts, weighed, m_impl->labeler);
                }
                const double sideWeight = std::isfinite(request.sideWeight) ? request.sideWeight : choice["side_weight"].toNumber(0.0);
                if (sideWeight != 0 && spec.needsFrontal && m_impl->sideReader) {
                    // The side each draft puts a finding on against where the frontal classifier
                    // sees it (Request::sideWeight).
                    auto evidence = findingSideEvidence(request.frontal);
                    if (!evidence)
                        return R(evidence.status());
                    out.sideWeight = std::clamp(sideWeight, 0.0, 100.0);
                    out.findingSideEvidence = std::move(evidence.value());
                    std::vector<std::string> names = request.sideObservations;
                    if (names.empty() && choice["side_observations"].isArray())
                        for (const Json &n : choice["side_observations"].items())
                            names.push_back(n.toString());
                    std::array<bool, kObservationCount> sided{}; // the observations whose sides count
                    sided.fill(names.empty());
                    for (const std::string &name : names) {
                        const size_t k = observationIndex(name);
                        if (k == size_t(kObservationCount))
                            return R::failure("unknown observation '" + name + "' among the sides to weigh");
                        sided[k] = true;
                    }
                    for (size_t k = 1; k < sided.size(); ++k) // "no finding" has no side
                        if (sided[k])
                            out.sideObservations.push_back(kObservationNames[k]);
                    const std::vector<std::string> &weighedTexts = finished.empty() ? drafts : finished;
                    for (size_t i = 0; i < weighedTexts.size(); ++i)
                        out.reportScores[i] += out.sideWeight * sideScore(m_impl->sideReader(weighedTexts[i]), out.findingSideEvidence, sided);
                }
                const SentenceSet &known = m_impl->trainingSentences;
                if (!known.empty()) {
                    // Sentences no training report holds cost `penalty` each: of two drafts that
                    // state the same findings, the one made of radiologists' sentences wins.
                    const double penalty = request.novelSentencePenalty >= 0 ? request.novelSentencePenalty
                                                                             : choice["novel_sentence_penalty"].toNumber(0.0);
                    out.novelSentencePenalty = penalty;
                    for (size_t i = 0; i < drafts.size(); ++i) {
                        const int novel = known.novelSentences(drafts[i]);
                        out.reportNovelSentences.push_back(novel);
                        out.reportScores[i] -= penalty * novel;
                    }
                }
                if (m_impl->draftPenalty) {
                    // The choice the final pass will make (its charge per draft on top of the scores).
                    std::vector<double> charged = out.reportScores;
                    for (size_t i = 0; i < drafts.size(); ++i)
                        charged[i] -= m_impl->draftPenalty(drafts[i]);
                    out.reportChoice = chooseReport(charged);
                } else {
                    out.reportChoice = chooseReport(out.reportScores);
                }
                const int retries = request.composedRetries >= 0 ? request.composedRetries : choice["composed_retries"].toInt(0);
                if (retries > 0 && !known.empty()) {
                    // The chosen draft's composed sentences rewritten by the model (Runner::rewriteComposed),
                    // from its decoder cache where the drafting kept one.
                    const size_t c = size_t(out.reportChoice);
                    std::vector<int> ids = c == 0 ? greedyIds : runner.sampledIds[c - 1];
                    DecoderCache cache = c == 0 ? runner.greedyCache : runner.sampledCache;
                    if (c > 0 && !cache.selfKeys.empty())
                        cache.reorder(torch::tensor(std::vector<int64_t>{int64_t(c - 1)}, torch::kLong).to(m.device));
                    size_t cached = 0;
                    if (!cache.selfKeys.empty() && cache.selfKeys.front().defined())
                        cached = std::min<size_t>(ids.size() - 1, size_t(cache.selfKeys.front().size(1)));
                    out.composedRewritten = runner.rewriteComposed(ids, cache, cached, dec.buildContext(frontalContext, lateralContext),
                                                                   std::clamp(retries, 1, 64), std::clamp(temperature, 0.05, 5.0),
                                                                   request.seed + 104729ULL, known, m_impl->labeler, m_impl->contradictions);
                    if (out.composedRewritten > 0) {
                        drafts[c] = m.tokenizer.decode(ids);
                        if (c < out.reportNovelSentences.size())
                            out.reportNovelSentences[c] = known.novelSentences(drafts[c]);
                    }
                }
                out.report = drafts[size_t(out.reportChoice)];
                out.reportDrafts = std::move(drafts);
                out.findingProbabilities = p;
            }
            out.timings.reportMs = msSince(t1);
        }
    } catch (const Cancelled &) {
        return R::cancelled();
    } catch (const std::exception &e) {
        std::string what = e.what();
        return R::failure("generation failed: " + what.substr(0, what.find('\n')));
    }
    out.timings.totalMs = msSince(start);
    return out;
}

Outcome<double> measureDenoisingStepMs(const ModelConfig &config, int batch, int repeats, int64_t *parameters)
{
    try {
        Status valid = config.validate();
        if (!valid)
            return Outcome<double>(valid);
        torch::NoGradGuard noGrad;
        UNet unet(config);
        unet->eval();
        if (parameters) {
            *parameters = 0;
            for (const auto &p : unet->parameters())
                *parameters += p.numel();
        }
        const int S = config.latentSize();
        auto x = torch::randn({batch, config.latentChannels, S, S});
        auto t = torch::full({batch}, 500, torch::kLong);
        // Context as for report + frontal conditioning: one report and one image's tokens.
        auto tokens = torch::randn({1, config.maxTokens + config.imageTokens(), config.contextDim}).repeat({batch, 1, 1});
        Context context = unet->buildContext({{kSlotReport, tokens}}, {});
        unet->forward(x, t, context); // warm-up
        std::vector<double> times;
        for (int i = 0; i < std::max(1, repeats); ++i) {
            auto start = Clock::now();
            unet->forward(x, t, context);
            times.push_back(msSince(start));
        }
        std::sort(times.begin(), times.end());
        return times[times.size() / 2];
    } catch (const std::exception &e) {
        std::string what = e.what();
        return Outcome<double>::failure("cannot run the UNet: " + what.substr(0, what.find('\n')));
    }
}

ImageData modelInputTensor(const ImageData &image, int resolution)
{
    if (image.empty() || size_t(image.width) * size_t(image.height) != image.pixels.size() || resolution <= 0)
        return {};
    torch::NoGradGuard noGrad;
    return toImage(inputImage(image, resolution)[0][0]);
}

} // namespace radsynth::generation
