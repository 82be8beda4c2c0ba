// The evaluation tool's LibTorch part, in one translation unit: bundle features (image/report
// embeddings, autoencoder reconstruction error), the finding classifier and the out-of-distribution
// detector. See EvaluationModels.h and OodDetector.h.
#include "ModelSet.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/OodDetector.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

namespace radsynth::generation {

using namespace detail;
namespace F = torch::nn::functional;

namespace {

std::string firstLine(const std::exception &e)
{
    std::string what = e.what();
    return what.substr(0, what.find('\n'));
}

Status checkImage(const ImageData *image, size_t index)
{
    if (!image || image->empty() || image->width <= 0 || image->height <= 0 ||
        size_t(image->width) * size_t(image->height) != image->pixels.size())
        return Status::error("image " + std::to_string(index) + " is empty or its size does not match its pixel count");
    return Status::ok();
}

// Images [begin, end) -> [n, 1, size, size], each as the generator reads its inputs (inputImage).
torch::Tensor imageBatch(const std::vector<const ImageData *> &images, size_t begin, size_t end, int size)
{
    std::vector<torch::Tensor> parts;
    for (size_t i = begin; i < end; ++i)
        parts.push_back(inputImage(*images[i], size));
    return torch::cat(parts, 0);
}

std::vector<Embedding> rows(const torch::Tensor &t)
{
    auto c = t.detach().to(torch::kCPU).to(torch::kFloat32).contiguous();
    std::vector<Embedding> out;
    const int64_t n = c.size(0), d = c.size(1);
    const float *data = c.data_ptr<float>();
    for (int64_t i = 0; i < n; ++i)
        out.emplace_back(data + i * d, data + (i + 1) * d);
    return out;
}

double percentileOf(std::vector<double> values, double percentile)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double position = std::clamp(percentile, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    const size_t lower = size_t(std::floor(position));
    const size_t upper = std::min(values.size() - 1, lower + 1);
    const double fraction = position - double(lower);
    return values[lower] * (1 - fraction) + values[upper] * fraction;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// BundleFeatures

struct BundleFeatures::Impl {
    ModelSet models;
};

BundleFeatures::BundleFeatures(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BundleFeatures::~BundleFeatures() = default;

Outcome<std::unique_ptr<BundleFeatures>> BundleFeatures::load(const std::string &bundleDirectory, const std::string &device)
{
    using R = Outcome<std::unique_ptr<BundleFeatures>>;
    try {
        auto set = loadModelSet(bundleDirectory, device, {Component::Encoders, Component::Autoencoder});
        if (!set)
            return R(set.status());
        if (!set->encoders)
            return R::failure("the model bundle has no encoders component (image features need the image encoder)");
        auto impl = std::make_unique<Impl>();
        impl->models = std::move(set.value());
        return R(std::unique_ptr<BundleFeatures>(new BundleFeatures(std::move(impl))));
    } catch (const std::exception &e) {
        return R::failure("cannot load the model bundle: " + firstLine(e));
    }
}

const BundleInfo &BundleFeatures::info() const { return m_impl->models.info; }
int BundleFeatures::dimension() const { return m_impl->models.info.config.contextDim; }
bool BundleFeatures::hasAutoencoder() const { return bool(m_impl->models.autoencoder); }
bool BundleFeatures::hasTokenizer() const { return m_impl->models.hasTokenizer; }

Outcome<std::vector<Embedding>> BundleFeatures::embedImages(const std::vector<const ImageData *> &images, int batch) const
{
    using R = Outcome<std::vector<Embedding>>;
    for (size_t i = 0; i < images.size(); ++i)
        if (Status s = checkImage(images[i], i); !s)
            return R(s);
    try {
        torch::NoGradGuard noGrad;
        auto &m = m_impl->models;
        std::vector<Embedding> out;
        const size_t step = size_t(std::max(1, batch));
        for (size_t begin = 0; begin < images.size(); begin += step) {
            const size_t end = std::min(images.size(), begin + step);
            auto x = imageBatch(images, begin, end, m.info.config.resolution).to(m.device);
            auto pooled = rows(m.encoders->encodeImage(x).second);
            out.insert(out.end(), pooled.begin(), pooled.end());
        }
        return out;
    } catch (const std::exception &e) {
        return R::failure("image embedding failed: " + firstLine(e));
    }
}

Outcome<std::vector<Embedding>> BundleFeatures::embedReports(const std::vector<std::string> &reports, int batch) const
{
    using R = Outcome<std::vector<Embedding>>;
    auto &m = m_impl->models;
    if (!m.hasTokenizer)
        return R::failure("the model bundle has no tokenizer (report features need one)");
    try {
        torch::NoGradGuard noGrad;
        std::vector<Embedding> out;
        const size_t step = size_t(std::max(1, batch));
        for (size_t begin = 0; begin < reports.size(); begin += step) {
            const size_t end = std::min(reports.size(), begin + step);
            std::vector<std::vector<int>> ids;
            size_t length = 1;
            for (size_t i = begin; i < end; ++i) {
                ids.push_back(m.tokenizer.encode(reports[i], m.info.config.maxTokens));
                length = std::max(length, ids.back().size());
            }
            auto t = torch::zeros({int64_t(ids.size()), int64_t(length)}, torch::kLong);
            for (size_t r = 0; r < ids.size(); ++r)
                for (size_t c = 0; c < ids[r].size(); ++c)
                    t[int64_t(r)][int64_t(c)] = int64_t(ids[r][c]);
            auto pooled = rows(m.encoders->encodeText(t.to(m.device)).second);
            out.insert(out.end(), pooled.begin(), pooled.end());
        }
        return out;
    } catch (const std::exception &e) {
        return R::failure("report embedding failed: " + firstLine(e));
    }
}

namespace {
// Runs the autoencoder (posterior mean decoded, clamped to 0..1) over `images` in batches and hands
// each batch's input and reconstruction (model resolution, on the CPU) to `use`.
Status autoencodeBatches(ModelSet &m, const std::vector<const ImageData *> &images, int batch,
                         const std::function<void(const torch::Tensor &input, const torch::Tensor &reconstruction)> &use)
{
    if (!m.autoencoder)
        return Status::error("the model bundle has no autoencoder component");
    for (size_t i = 0; i < images.size(); ++i)
        if (Status s = checkImage(images[i], i); !s)
            return s;
    try {
        torch::NoGradGuard noGrad;
        const size_t step = size_t(std::max(1, batch));
        for (size_t begin = 0; begin < images.size(); begin += step) {
            const size_t end = std::min(images.size(), begin + step);
            auto x = imageBatch(images, begin, end, m.info.config.resolution).to(m.device);
            auto y = m.autoencoder->decode(m.autoencoder->encode(x).first).clamp(0, 1);
            use(x.to(torch::kCPU).contiguous(), y.to(torch::kCPU).contiguous());
        }
        return Status::ok();
    } catch (const std::exception &e) {
        return Status::error("autoencoder reconstruction failed: " + firstLine(e));
    }
}
} // namespace

Outcome<std::vector<double>> BundleFeatures::reconstructionErrors(const std::vector<const ImageData *> &images, int batch) const
{
    std::vector<double> out;
    Status s = autoencodeBatches(m_impl->models, images, batch, [&](const torch::Tensor &x, const torch::Tensor &y) {
        auto mse = (y - x).pow(2).mean({1, 2, 3}).to(torch::kDouble).contiguous();
        out.insert(out.end(), mse.data_ptr<double>(), mse.data_ptr<double>() + mse.numel());
    });
    if (!s)
        return Outcome<std::vector<double>>(s);
    return out;
}

Outcome<std::vector<ImageData>> BundleFeatures::reconstructions(const std::vector<const ImageData *> &images, int batch) const
{
    std::vector<ImageData> out;
    const int size = m_impl->models.info.config.resolution;
    Status s = autoencodeBatches(m_impl->models, images, batch, [&](const torch::Tensor &, const torch::Tensor &y) {
        for (int64_t i = 0; i < y.size(0); ++i) {
            ImageData image;
            image.width = image.height = size;
            const float *p = y[i].data_ptr<float>();
            image.pixels.assign(p, p + size_t(size) * size_t(size));
            out.push_back(std::move(image));
        }
    });
    if (!s)
        return Outcome<std::vector<ImageData>>(s);
    return out;
}

// ---------------------------------------------------------------------------------------------
// FindingClassifier

namespace {
struct ClassifierNetImpl : torch::nn::Module {
    ClassifierNetImpl(int width, int layers)
    {
        auto conv = [](int in, int out, int stride) {
            return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1));
        };
        int in = 1;
        for (int i = 0; i < layers; ++i) {
            const int out = width << std::min(i, 3);
            const int stride = i + 1 < layers ? 2 : 1;
            convs.push_back(register_module("conv" + std::to_string(i), conv(in, out, stride)));
            norms.push_back(register_module("norm" + std::to_string(i), torch::nn::BatchNorm2d(out)));
            in = out;
        }
        head = register_module("head", torch::nn::Linear(2 * in, kObservationCount));
    }
    torch::Tensor features(torch::Tensor x)
    {
        x = x * 2 - 1;
        for (size_t i = 0; i < convs.size(); ++i)
            x = torch::relu(norms[i](convs[i](x)));
        return x;
    }
    torch::Tensor forward(torch::Tensor x)
    {
        x = features(x);
        auto pooled = torch::cat({x.mean({2, 3}), std::get<0>(x.flatten(2).max(2))}, 1);
        return head(pooled);
    }
    // Each logit (bias apart) as a sum over the last feature map's positions: the mean-pooled half
    // of the head spreads its weight over every position, the max-pooled half puts its weight
    // where each channel peaks. Batch x observations x height x width.
    torch::Tensor contributions(torch::Tensor x)
    {
        auto f = features(x);
        const int64_t c = f.size(1), hw = f.size(2) * f.size(3);
        auto w = head->weight; // observations x 2c
        auto flat = f.flatten(2); // batch x c x hw
        auto spread = torch::einsum("kc,bcp->bkp", {w.narrow(1, 0, c), flat}) / double(hw);
        auto [peak, where] = flat.max(2);
        auto atPeak = torch::zeros_like(flat).scatter_(2, where.unsqueeze(2), peak.unsqueeze(2));
        auto peaked = torch::einsum("kc,bcp->bkp", {w.narrow(1, c, c), atPeak});
        return (spread + peaked).view({f.size(0), w.size(0), f.size(2), f.size(3)});
    }
    std::vector<torch::nn::Conv2d> convs;
    std::vector<torch::nn::BatchNorm2d> norms;
    torch::nn::Linear head{nullptr};
};
TORCH_MODULE(ClassifierNet);

// Strided convolutions until the map is at most 8 x 8, then one unstrided: 4 at 64 px.
int classifierLayers(int size)
{
    int layers = 1;
    for (int side = size; side > 8; side = (side + 1) / 2)
        ++layers;
    return layers;
}
} // namespace

struct FindingClassifier::Impl {
    Impl(int size, int width, int layers) : net(width, layers), size(size), width(width), layers(layers) {}
    ClassifierNet net;
    int size = 64;
    int width = 16;
    int layers = 4;
};

FindingClassifier::FindingClassifier(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
FindingClassifier::~FindingClassifier() = default;
int FindingClassifier::size() const { return m_impl->size; }
int FindingClassifier::width() const { return m_impl->width; }
int FindingClassifier::layers() const { return m_impl->layers; }
int64_t FindingClassifier::parameterCount() const
{
    int64_t n = 0;
    for (const auto &p : m_impl->net->parameters())
        n += p.numel();
    return n;
}

Outcome<std::unique_ptr<FindingClassifier>> FindingClassifier::train(const std::vector<const ImageData *> &images, const std::vector<FindingLabels> &labels,
                                                                     const FindingClassifierOptions &options,
                                                                     const std::function<void(int, double)> &progress)
{
    using R = Outcome<std::unique_ptr<FindingClassifier>>;
    if (images.size() != labels.size())
        return R::failure("the classifier needs one label set per image");
    if (images.size() < 2)
        return R::failure("the classifier needs at least 2 training images");
    if (options.size < 16 || options.size > 512 || options.width < 4 || options.width > 128 || options.epochs < 1 || options.batch < 2)
        return R::failure("classifier options out of range (size 16..512, width 4..128, epochs >= 1, batch >= 2)");
    for (size_t i = 0; i < images.size(); ++i)
        if (Status s = checkImage(images[i], i); !s)
            return R(s);
    // One LibTorch thread while training: a parallel reduction sums in an order that depends on
    // the thread count, and training amplifies those last bits, so the same data and seed would
    // give a different classifier (and different finding AUCs) under `evaluate --threads 1` and 2.
    struct OneThread
    {
        int previous = torch::get_num_threads();
        OneThread() { torch::set_num_threads(1); }
        ~OneThread() { torch::set_num_threads(previous); }
    } oneThread;
    try {
        torch::manual_seed(options.seed);
        auto impl = std::make_unique<Impl>(options.size, options.width, classifierLayers(options.size));
        auto &net = impl->net;
        // Inputs and targets once, in memory (n x 1 x size x size floats: 16 KB per image at 64 px).
        auto x = imageBatch(images, 0, images.size(), options.size);
        auto y = torch::zeros({int64_t(labels.size()), kObservationCount});
        for (size_t i = 0; i < labels.size(); ++i)
            for (int k = 0; k < kObservationCount; ++k)
                y[int64_t(i)][k] = labels[i][size_t(k)] != 0 ? 1.0f : 0.0f;
        torch::optim::AdamW optimizer(net->parameters(), torch::optim::AdamWOptions(options.learningRate).weight_decay(1e-4));
        std::mt19937_64 random(options.seed);
        std::vector<int64_t> order(images.size());
        std::iota(order.begin(), order.end(), 0);
        const int64_t batch = std::min<int64_t>(options.batch, int64_t(images.size()));
        const int64_t batches = std::max<int64_t>(1, int64_t(images.size()) / batch);
        const int epochs = int(std::max<int64_t>(options.epochs, (std::max(0, options.minimumSteps) + batches - 1) / batches));
        const int64_t totalSteps = batches * epochs;
        int64_t step = 0;
        const int maxShift = std::max(1, options.size * 3 / 64); // 3 px at 64
        std::uniform_int_distribution<int> shift(-maxShift, maxShift);
        std::uniform_real_distribution<float> gain(0.9f, 1.1f), bias(-0.05f, 0.05f);
        net->train();
        for (int epoch = 0; epoch < epochs; ++epoch) {
            std::shuffle(order.begin(), order.end(), random);
            double sum = 0;
            for (int64_t b = 0; b < batches; ++b) {
                auto index = torch::tensor(std::vector<int64_t>(order.begin() + b * batch, order.begin() + (b + 1) * batch), torch::kLong);
                auto xb = x.index_select(0, index);
                if (options.augment) {
                    xb = torch::roll(xb, {shift(random), shift(random)}, {2, 3});
                    std::vector<float> g, o;
                    for (int64_t i = 0; i < batch; ++i) {
                        g.push_back(gain(random));
                        o.push_back(bias(random));
                    }
                    xb = (xb * torch::tensor(g).view({-1, 1, 1, 1}) + torch::tensor(o).view({-1, 1, 1, 1})).clamp(0, 1);
                }
                // Cosine learning-rate decay.
                const double lr = options.learningRate * 0.5 * (1 + std::cos(M_PI * double(step) / double(totalSteps)));
                for (auto &group : optimizer.param_groups())
                    static_cast<torch::optim::AdamWOptions &>(group.options()).lr(lr);
                auto loss = F::binary_cross_entropy_with_logits(net->forward(xb), y.index_select(0, index));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<double>();
                ++step;
            }
            if (progress)
                progress(epoch + 1, sum / double(batches));
        }
        net->eval();
        return R(std::unique_ptr<FindingClassifier>(new FindingClassifier(std::move(impl))));
    } catch (const std::exception &e) {
        return R::failure("finding classifier training failed: " + firstLine(e));
    }
}

Status FindingClassifier::save(const std::string &path) const
{
    try {
        torch::serialize::OutputArchive archive;
        m_impl->net->save(archive);
        archive.write("input_size", torch::tensor(int64_t(m_impl->size)), true);
        archive.write("width", torch::tensor(int64_t(m_impl->width)), true);
        archive.write("layers", torch::tensor(int64_t(m_impl->layers)), true);
        archive.save_to(path);
        return Status::ok();
    } catch (const std::exception &e) {
        return Status::error("cannot write the finding classifier " + path + ": " + firstLine(e));
    }
}

Outcome<std::unique_ptr<FindingClassifier>> FindingClassifier::load(const std::string &path)
{
    using R = Outcome<std::unique_ptr<FindingClassifier>>;
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path);
        // The shape first (files before width and depth were recorded: 16 and 4), then weights
        // that must match it.
        auto integer = [&](const char *key, int64_t fallback) {
            torch::Tensor t;
            return archive.try_read(key, t, true) ? t.item<int64_t>() : fallback;
        };
        const int64_t size = integer("input_size", -1), width = integer("width", 16), layers = integer("layers", 4);
        if (size < 16 || size > 512 || width < 4 || width > 128 || layers < 1 || layers > 8)
            return R::failure("cannot read the finding classifier " + path + ": its input size, width or depth is missing or out of range");
        auto impl = std::make_unique<Impl>(int(size), int(width), int(layers));
        impl->net->load(archive);
        impl->net->eval();
        return R(std::unique_ptr<FindingClassifier>(new FindingClassifier(std::move(impl))));
    } catch (const std::exception &e) {
        return R::failure("cannot read the finding classifier " + path + ": " + firstLine(e));
    }
}

namespace {
// `perBatch` (batch x 1 x size x size inputs -> batch x 14 values) over `images` in batches of
// `batch`, one FindingScores per image, at the classifier's input `size`.
Outcome<std::vector<FindingScores>> perImage(const std::vector<const ImageData *> &images, int batch, int size,
                                             const std::function<torch::Tensor(const torch::Tensor &)> &perBatch)
{
    using R = Outcome<std::vector<FindingScores>>;
    for (size_t i = 0; i < images.size(); ++i)
        if (Status s = checkImage(images[i], i); !s)
            return R(s);
    try {
        torch::NoGradGuard noGrad;
        std::vector<FindingScores> out;
        const size_t step = size_t(std::max(1, batch));
        for (size_t begin = 0; begin < images.size(); begin += step) {
            const size_t end = std::min(images.size(), begin + step);
            auto values = perBatch(imageBatch(images, begin, end, size)).contiguous();
            const float *data = values.data_ptr<float>();
            for (size_t i = 0; i < end - begin; ++i) {
                FindingScores s{};
                std::copy(data + i * kObservationCount, data + (i + 1) * kObservationCount, s.begin());
                out.push_back(s);
            }
        }
        return out;
    } catch (const std::exception &e) {
        return R::failure("finding classifier failed: " + firstLine(e));
    }
}
} // namespace

Outcome<std::vector<FindingScores>> FindingClassifier::predict(const std::vector<const ImageData *> &images, int batch) const
{
    return perImage(images, batch, m_impl->size, [&](const torch::Tensor &x) { return torch::sigmoid(m_impl->net->forward(x)); });
}

Outcome<std::vector<FindingScores>> FindingClassifier::sideEvidence(const std::vector<const ImageData *> &images, SideReading reading, int batch) const
{
    return perImage(images, batch, m_impl->size, [&](const torch::Tensor &x) {
        if (reading == SideReading::MirroredHalves) {
            // Each half beside its own mirror image: a whole chest made of the patient's left (the
            // image's right half, as radiographs are shown) and one made of the right.
            const int64_t w = x.size(3), half = w / 2;
            auto imageRight = x.narrow(3, w - half, half), imageLeft = x.narrow(3, 0, half);
            auto patientLeft = x.clone(), patientRight = x.clone();
            patientLeft.narrow(3, 0, half).copy_(imageRight.flip({3}));
            patientRight.narrow(3, w - half, half).copy_(imageLeft.flip({3}));
            return m_impl->net->forward(patientLeft) - m_impl->net->forward(patientRight);
        }
        auto c = m_impl->net->contributions(x).sum(2); // batch x k x width
        const int64_t w = c.size(2), half = w / 2;
        // The image's left half is the patient's right; an odd middle column counts for neither.
        return c.narrow(2, w - half, half).sum(2) - c.narrow(2, 0, half).sum(2);
    });
}

// ---------------------------------------------------------------------------------------------
// OodDetector

OodDetector::~OodDetector() = default;

namespace {
double nearestDistance(const std::vector<Embedding> &reference, const Embedding &e)
{
    double best = -2;
    for (const auto &r : reference) {
        double dot = 0;
        const size_t n = std::min(r.size(), e.size());
        for (size_t i = 0; i < n; ++i)
            dot += double(r[i]) * double(e[i]);
        best = std::max(best, dot);
    }
    return reference.empty() ? 0 : 1 - best;
}

// ood.json stores its matrices (reference embeddings, the layout model) as arrays of rows.
Json rowsToJson(const std::vector<Embedding> &rows)
{
    Json out = Json::array();
    for (const auto &r : rows) {
        Json row = Json::array();
        for (float v : r)
            row.push(double(v));
        out.push(row);
    }
    return out;
}

std::vector<Embedding> rowsFromJson(const Json &json)
{
    std::vector<Embedding> rows;
    for (const auto &row : json.items()) {
        Embedding r;
        for (const auto &v : row.items())
            r.push_back(float(v.toNumber()));
        rows.push_back(std::move(r));
    }
    return rows;
}

constexpr int kLayoutSide = 16;

// The image's 16 x 16 box-averaged thumbnail, zero mean and unit variance.
Embedding layoutThumbnail(const ImageData &image)
{
    Embedding t(size_t(kLayoutSide * kLayoutSide), 0.0f);
    if (image.empty())
        return t;
    std::vector<double> sum(t.size(), 0.0), count(t.size(), 0.0);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const size_t cell = size_t(y * kLayoutSide / image.height) * kLayoutSide + size_t(x * kLayoutSide / image.width);
            sum[cell] += image.pixels[size_t(y) * size_t(image.width) + size_t(x)];
            count[cell] += 1;
        }
    double mean = 0, variance = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        t[i] = count[i] > 0 ? float(sum[i] / count[i]) : 0.0f;
        mean += t[i];
    }
    mean /= double(t.size());
    for (float v : t)
        variance += (v - mean) * (v - mean);
    const double sd = std::sqrt(variance / double(t.size()));
    for (float &v : t)
        v = sd > 1e-6 ? float((v - mean) / sd) : 0.0f;
    return t;
}

constexpr int kLayoutComponents = 24;

// The layout model is the training thumbnails' mean (row 0) and their first principal components
// (rows 1..K, orthonormal). Score: the share of the image's thumbnail that the components do not
// explain (mean squared residual after projection; thumbnails have unit variance, so 0..1-ish).
double layoutResidual(const std::vector<Embedding> &model, const Embedding &t)
{
    if (model.empty())
        return 0;
    std::vector<double> centred(t.size());
    for (size_t i = 0; i < t.size(); ++i)
        centred[i] = double(t[i]) - double(model[0][i]);
    for (size_t k = 1; k < model.size(); ++k) {
        double dot = 0;
        for (size_t i = 0; i < t.size(); ++i)
            dot += centred[i] * double(model[k][i]);
        for (size_t i = 0; i < t.size(); ++i)
            centred[i] -= dot * double(model[k][i]);
    }
    double energy = 0;
    for (double v : centred)
        energy += v * v;
    return energy / double(std::max<size_t>(1, t.size()));
}

// Mean and principal components of the training thumbnails.
std::vector<Embedding> layoutModel(const std::vector<const ImageData *> &training)
{
    const int64_t n = int64_t(training.size()), d = kLayoutSide * kLayoutSide;
    auto x = torch::zeros({n, d}, torch::kDouble);
    auto acc = x.accessor<double, 2>();
    for (int64_t i = 0; i < n; ++i) {
        const Embedding t = layoutThumbnail(*training[size_t(i)]);
        for (int64_t j = 0; j < d; ++j)
            acc[i][j] = t[size_t(j)];
    }
    auto mean = x.mean(0);
    auto centred = x - mean;
    auto covariance = centred.t().matmul(centred) / double(std::max<int64_t>(1, n - 1));
    auto [values, vectors] = torch::linalg::eigh(covariance, "L"); // ascending eigenvalues
    std::vector<Embedding> model;
    auto row = [](const torch::Tensor &v) {
        auto c = v.contiguous();
        return Embedding(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
    };
    model.push_back(row(mean));
    const int64_t k = std::min<int64_t>(kLayoutComponents, std::max<int64_t>(0, n - 1));
    for (int64_t c = 0; c < k; ++c)
        model.push_back(row(vectors.select(1, d - 1 - c)));
    return model;
}
} // namespace

std::vector<double> OodDetector::layoutDistances(const OodCalibration &c, const std::vector<const ImageData *> &images)
{
    std::vector<double> out;
    if (c.layoutThreshold <= 0 || c.layoutReference.empty())
        return out;
    for (const ImageData *image : images)
        out.push_back(layoutResidual(c.layoutReference, layoutThumbnail(*image)));
    return out;
}

std::vector<OodScore> OodDetector::score(const OodCalibration &c, const std::vector<Embedding> &embeddings, const std::vector<double> &errors,
                                         const std::vector<double> &layouts)
{
    std::vector<OodScore> out;
    for (size_t i = 0; i < embeddings.size(); ++i) {
        OodScore s;
        s.distance = nearestDistance(c.reference, embeddings[i]);
        s.ratio = c.distanceThreshold > 0 ? s.distance / c.distanceThreshold : 0;
        if (i < errors.size() && c.reconstructionThreshold > 0) {
            s.reconstruction = errors[i];
            s.ratio = std::max(s.ratio, s.reconstruction / c.reconstructionThreshold);
        }
        if (i < layouts.size() && c.layoutThreshold > 0) {
            s.layout = layouts[i];
            s.ratio = std::max(s.ratio, s.layout / c.layoutThreshold);
        }
        s.outOfDistribution = s.ratio > 1;
        out.push_back(s);
    }
    return out;
}

Outcome<OodCalibration> OodDetector::calibrate(const BundleFeatures &features, const std::vector<const ImageData *> &training,
                                               const std::vector<const ImageData *> &validation, double percentile, int referenceCount,
                                               const std::vector<int> &validationGroups)
{
    // The threshold of a score: its percentile within each source group of validation images,
    // the highest of them (a small source is not outvoted by a large one).
    auto threshold = [&](const std::vector<double> &values) {
        if (validationGroups.size() != values.size())
            return percentileOf(values, percentile);
        std::map<int, std::vector<double>> groups;
        for (size_t i = 0; i < values.size(); ++i)
            groups[validationGroups[i]].push_back(values[i]);
        double highest = 0;
        for (auto &[group, v] : groups)
            highest = std::max(highest, percentileOf(v, percentile));
        return highest;
    };
    using R = Outcome<OodCalibration>;
    if (training.empty() || validation.empty())
        return R::failure("the out-of-distribution calibration needs training and validation images");
    OodCalibration c;
    c.percentile = percentile;
    c.validationImages = int(validation.size());
    // Reference set: evenly spaced training images.
    std::vector<const ImageData *> reference;
    const size_t count = std::min(training.size(), size_t(std::max(1, referenceCount)));
    for (size_t i = 0; i < count; ++i)
        reference.push_back(training[i * training.size() / count]);
    auto embedded = features.embedImages(reference);
    if (!embedded)
        return R(embedded.status());
    c.reference = std::move(embedded.value());
    for (auto &e : c.reference) // stored with 4 decimals: ood.json stays small
        for (float &v : e)
            v = std::round(v * 1e4f) / 1e4f;
    auto validationEmbeddings = features.embedImages(validation);
    if (!validationEmbeddings)
        return R(validationEmbeddings.status());
    std::vector<double> distances;
    for (const auto &e : validationEmbeddings.value())
        distances.push_back(nearestDistance(c.reference, e));
    c.distanceThreshold = std::max(1e-6, threshold(distances));
    try {
        c.layoutReference = layoutModel(training);
    } catch (const std::exception &e) {
        return R::failure(std::string("the layout model could not be computed: ") + e.what());
    }
    for (auto &row : c.layoutReference) // stored with 5 decimals
        for (float &v : row)
            v = std::round(v * 1e5f) / 1e5f;
    c.layoutThreshold = 1.0; // enables layoutDistances()
    c.layoutThreshold = std::max(1e-6, threshold(layoutDistances(c, validation)));
    if (features.hasAutoencoder()) {
        auto errors = features.reconstructionErrors(validation);
        if (!errors)
            return R(errors.status());
        c.reconstructionThreshold = std::max(1e-9, threshold(errors.value()));
    }
    return c;
}

Status OodDetector::save(const OodCalibration &c, const std::string &path)
{
    Json root = Json::object();
    root.set("format", "radsynth-ood-1");
    root.set("description", "Out-of-distribution thresholds: autoencoder reconstruction MSE and 1 - max cosine similarity of the "
                            "image-encoder embedding to the reference training embeddings; layout: the share of the standardised "
                            "16 x 16 thumbnail that the training thumbnails' mean and first principal components (layout_model, "
                            "row 0 the mean) do not explain; thresholds at the given "
                            "percentile of validation images.");
    root.set("percentile", c.percentile);
    root.set("validation_images", c.validationImages);
    root.set("reconstruction_threshold", c.reconstructionThreshold);
    root.set("distance_threshold", c.distanceThreshold);
    root.set("reference", rowsToJson(c.reference));
    if (c.layoutThreshold > 0) {
        root.set("layout_threshold", c.layoutThreshold);
        root.set("layout_model", rowsToJson(c.layoutReference));
    }
    std::ofstream out(path + ".part", std::ios::binary | std::ios::trunc);
    out << root.dump(0);
    out.close();
    if (!out || std::rename((path + ".part").c_str(), path.c_str()) != 0)
        return Status::error("cannot write " + path);
    // Saved into a bundle (<bundle>/ood.json next to its manifest): the manifest records its
    // SHA-256, which load() checks before the calibration is used.
    const std::filesystem::path target(path);
    const std::string directory = target.has_parent_path() ? target.parent_path().string() : std::string(".");
    if (target.filename() == kFileName && std::filesystem::exists(directory + "/manifest.json"))
        return recordOodCalibration(directory);
    return Status::ok();
}

Outcome<OodCalibration> OodDetector::read(const std::string &path)
{
    using R = Outcome<OodCalibration>;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return R::failure("no out-of-distribution calibration at " + path + " (run radsynth-cli evaluate on this bundle)");
    std::stringstream text;
    text << in.rdbuf();
    Json root;
    std::string error;
    if (!Json::parse(text.str(), root, &error))
        return R::failure(path + ": " + error);
    if (root["format"].toString() != "radsynth-ood-1")
        return R::failure(path + ": not a RadSynth out-of-distribution calibration");
    OodCalibration c;
    c.percentile = root["percentile"].toNumber(99);
    c.validationImages = root["validation_images"].toInt();
    c.reconstructionThreshold = root["reconstruction_threshold"].toNumber(-1);
    c.distanceThreshold = root["distance_threshold"].toNumber(0);
    c.reference = rowsFromJson(root["reference"]);
    c.layoutThreshold = root["layout_threshold"].toNumber(-1);
    c.layoutReference = rowsFromJson(root["layout_model"]);
    if (c.layoutReference.empty())
        c.layoutThreshold = -1;
    if (c.reference.empty() || c.distanceThreshold <= 0)
        return R::failure(path + ": the calibration has no reference embeddings or threshold");
    return c;
}

Outcome<std::unique_ptr<OodDetector>> OodDetector::load(const std::string &bundleDirectory, const std::string &calibrationFile, const std::string &device)
{
    using R = Outcome<std::unique_ptr<OodDetector>>;
    if (calibrationFile.empty()) {
        // The bundle's own calibration is a file the manifest names: checked like the weights.
        auto info = readManifest(bundleDirectory);
        if (!info)
            return R(info.status());
        std::error_code ec;
        if (info->oodFile.empty() && std::filesystem::exists(bundleDirectory + "/" + kFileName, ec))
            return R::failure(std::string(kFileName) + " in " + bundleDirectory +
                              " is not listed in manifest.json (its SHA-256 is unknown): refusing to use it; "
                              "run radsynth-cli evaluate on this bundle to calibrate it again");
        if (!info->oodFile.empty())
            if (Status s = verifyBundleFile(bundleDirectory, info->oodFile, info->oodSha256,
                                            "the out-of-distribution calibration " + info->oodFile);
                !s)
                return R(s);
    }
    auto calibration = read(calibrationFile.empty() ? bundleDirectory + "/" + kFileName : calibrationFile);
    if (!calibration)
        return R(calibration.status());
    auto features = BundleFeatures::load(bundleDirectory, device);
    if (!features)
        return R(features.status());
    if (!calibration->reference.empty() && int(calibration->reference.front().size()) != features.value()->dimension())
        return R::failure("the out-of-distribution calibration was made for another model (embedding width differs)");
    std::unique_ptr<OodDetector> detector(new OodDetector());
    detector->m_features = std::move(features.value());
    detector->m_calibration = std::move(calibration.value());
    return R(std::move(detector));
}

const OodCalibration &OodDetector::calibration() const { return m_calibration; }

Outcome<std::vector<OodScore>> OodDetector::score(const std::vector<const ImageData *> &images) const
{
    using R = Outcome<std::vector<OodScore>>;
    auto embeddings = m_features->embedImages(images);
    if (!embeddings)
        return R(embeddings.status());
    std::vector<double> errors;
    if (m_features->hasAutoencoder() && m_calibration.reconstructionThreshold > 0) {
        auto e = m_features->reconstructionErrors(images);
        if (!e)
            return R(e.status());
        errors = std::move(e.value());
    }
    return score(m_calibration, embeddings.value(), errors, layoutDistances(m_calibration, images));
}

Outcome<OodScore> OodDetector::score(const ImageData &image) const
{
    auto scores = score(std::vector<const ImageData *>{&image});
    if (!scores)
        return Outcome<OodScore>(scores.status());
    return scores->front();
}

ImageData imageFromCachePixels(const std::vector<uint16_t> &pixels, int side)
{
    ImageData image;
    if (pixels.empty())
        return image;
    image.width = image.height = side;
    image.pixels.resize(pixels.size());
    for (size_t i = 0; i < pixels.size(); ++i)
        image.pixels[i] = float(pixels[i]) / 65535.0f;
    return image;
}

} // namespace radsynth::generation
