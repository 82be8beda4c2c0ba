// bench-realism: how close simulated frontals are to real ones, phantom engine vs CT engine vs the
// real normal PA radiographs of ../shared/data/real-cxr/openist-normal-pa (with their lung masks),
// all in one run. Figures go to docs/SIMULATOR.md.
//
//   bench-realism [cases per engine] [ct-dir] [real-dir]
//
// Hand-made measures, each per image inside the lung fields, images at 256 px scaled to their own
// 1st..99th percentiles: the lung-field histogram (distance of each set's mean histogram to the
// real one), lung/mediastinum and lung/soft-tissue ratios, lung/sub-diaphragm ratio, rib edge
// energy (horizontal edges of a band-pass), high-frequency noise. Learned measures: a logistic
// real-vs-simulated classifier on 32x32 images + the measures, trained on half of each set and
// scored (AUC) on the other half (0.5: indistinguishable); and a Frechet distance in the space of
// an encoder fitted on real images only (PCA of real 32x32 images, 16 components).
#include "radsynth/simulation/CtEngine.h"
#include "radsynth/simulation/Simulator.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace radsynth::simulation;
namespace fs = std::filesystem;

namespace {

constexpr int kSize = 256, kThumb = 32, kBins = 32;

struct Sample {
    cv::Mat image;          // CV_32F, 0..1 (own 1st..99th percentile)
    cv::Mat lungs;          // CV_8U, 255 inside
    std::vector<double> histogram; // lung-field histogram, kBins, sums to 1
    double lungToMediastinum = 0, lungToSoftTissue = 0, lungToDiaphragm = 0, ribEdges = 0, noise = 0;
    bool valid = false;
};

void normalise(cv::Mat &image)
{
    std::vector<float> v(image.begin<float>(), image.end<float>());
    std::sort(v.begin(), v.end());
    const float lo = v[v.size() / 100], hi = v[v.size() * 99 / 100];
    image = (image - lo) / std::max(1e-6f, hi - lo);
    cv::min(cv::max(image, 0.0), 1.0, image);
}

Sample measure(cv::Mat image, cv::Mat lungs)
{
    Sample s;
    normalise(image);
    s.image = image;
    s.lungs = lungs;
    if (cv::countNonZero(lungs) < kSize * kSize / 20)
        return s;
    s.histogram.assign(kBins, 0.0);
    double total = 0;
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x)
            if (lungs.at<uint8_t>(y, x)) {
                s.histogram[size_t(std::min(kBins - 1, int(image.at<float>(y, x) * kBins)))] += 1;
                ++total;
            }
    for (double &h : s.histogram)
        h /= total;
    std::vector<float> pixels(image.begin<float>(), image.end<float>());
    std::vector<uint8_t> mask(lungs.begin<uint8_t>(), lungs.end<uint8_t>());
    const RegionRatios r = measureRegionRatios(pixels, mask, kSize, kSize);
    if (!r.valid)
        return s;
    s.lungToMediastinum = r.lungToMediastinum;
    s.lungToSoftTissue = r.lungToSoftTissue;
    // Below the lungs: the sub-diaphragmatic band (liver, stomach), 3-8% of the height down.
    int bottom = 0, left = kSize, right = 0;
    double lungMean = 0;
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x)
            if (lungs.at<uint8_t>(y, x)) { bottom = std::max(bottom, y); left = std::min(left, x); right = std::max(right, x); lungMean += image.at<float>(y, x); }
    lungMean /= total;
    double below = 0;
    int n = 0;
    for (int y = bottom + kSize * 3 / 100; y < std::min(kSize, bottom + kSize * 8 / 100); ++y)
        for (int x = left + (right - left) / 6; x <= right - (right - left) / 6; ++x) { below += image.at<float>(y, x); ++n; }
    if (n == 0)
        return s;
    s.lungToDiaphragm = lungMean / std::max(1e-3, below / n);
    // Rib edges: vertical gradient of a band-pass (ribs run across the lung fields).
    cv::Mat fine, coarse, band, gy;
    cv::GaussianBlur(image, fine, cv::Size(0, 0), 1.0);
    cv::GaussianBlur(image, coarse, cv::Size(0, 0), 4.0);
    band = fine - coarse;
    cv::Sobel(band, gy, CV_32F, 0, 1, 3);
    // Noise: what a 1.2 px blur removes.
    cv::Mat smooth;
    cv::GaussianBlur(image, smooth, cv::Size(0, 0), 1.2);
    cv::Mat eroded;
    cv::erode(lungs, eroded, cv::getStructuringElement(cv::MORPH_ELLIPSE, {9, 9}));
    double edge = 0, noise = 0;
    int m = 0;
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x)
            if (eroded.at<uint8_t>(y, x)) {
                edge += std::fabs(gy.at<float>(y, x));
                const double d = image.at<float>(y, x) - smooth.at<float>(y, x);
                noise += d * d;
                ++m;
            }
    if (m == 0)
        return s;
    s.ribEdges = edge / m;
    s.noise = std::sqrt(noise / m);
    s.valid = true;
    return s;
}

cv::Mat squareCrop(const cv::Mat &m)
{
    const int side = std::min(m.cols, m.rows);
    return m(cv::Rect((m.cols - side) / 2, (m.rows - side) / 2, side, side));
}

std::vector<Sample> realSamples(const std::string &dir, int limit)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() == ".jpg" && fs::exists(e.path().parent_path() / (e.path().stem().string() + "@.png")))
            files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<Sample> out;
    for (const std::string &f : files) {
        if (int(out.size()) >= limit)
            break;
        cv::Mat image = cv::imread(f, cv::IMREAD_GRAYSCALE);
        cv::Mat mask = cv::imread((fs::path(f).parent_path() / (fs::path(f).stem().string() + "@.png")).string(), cv::IMREAD_GRAYSCALE);
        if (image.empty() || mask.empty() || mask.size() != image.size())
            continue;
        cv::Mat g, mk;
        cv::resize(squareCrop(image), g, {kSize, kSize}, 0, 0, cv::INTER_AREA);
        cv::resize(squareCrop(mask), mk, {kSize, kSize}, 0, 0, cv::INTER_NEAREST);
        g.convertTo(g, CV_32F, 1.0 / 255);
        mk = mk > 127;
        Sample s = measure(g, mk);
        if (s.valid)
            out.push_back(std::move(s));
    }
    return out;
}

std::vector<Sample> simulatedSamples(int count, const CtLibrary *ct)
{
    std::vector<Sample> out(static_cast<size_t>(count));
    std::atomic<int> next{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 2; ++t)
        workers.emplace_back([&] {
            for (int i = next++; i < count; i = next++) {
                const SimulatedCase c = simulateCase(uint64_t(7000 + i), {}, {kSize, false, ct});
                cv::Mat image(kSize, kSize, CV_32F), mask(kSize, kSize, CV_8U);
                for (int p = 0; p < kSize * kSize; ++p) {
                    // As a PACS export: 8-bit.
                    image.at<float>(p / kSize, p % kSize) = float(std::floor(c.frontal.pixels[size_t(p)] / 16.0) / 255.0);
                    mask.at<uint8_t>(p / kSize, p % kSize) = c.frontal.lungMask[size_t(p)];
                }
                out[size_t(i)] = measure(image, mask);
            }
        });
    for (auto &w : workers)
        w.join();
    out.erase(std::remove_if(out.begin(), out.end(), [](const Sample &s) { return !s.valid; }), out.end());
    return out;
}

std::vector<double> features(const Sample &s)
{
    cv::Mat thumb;
    cv::resize(s.image, thumb, {kThumb, kThumb}, 0, 0, cv::INTER_AREA);
    std::vector<double> f(thumb.begin<float>(), thumb.end<float>());
    f.insert(f.end(), s.histogram.begin(), s.histogram.end());
    for (double v : {s.lungToMediastinum, s.lungToSoftTissue, s.lungToDiaphragm, s.ribEdges * 10, s.noise * 10})
        f.push_back(v);
    return f;
}

double auc(const std::vector<double> &scores, const std::vector<int> &labels)
{
    double pairs = 0, wins = 0;
    for (size_t i = 0; i < scores.size(); ++i)
        for (size_t j = 0; j < scores.size(); ++j)
            if (labels[i] == 1 && labels[j] == 0) {
                ++pairs;
                wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
            }
    return pairs > 0 ? wins / pairs : 0.5;
}

// Real (label 0) vs simulated (label 1): L2-regularised logistic regression on standardised
// features, trained on even-indexed images of both sets, AUC on the odd-indexed ones.
double classifierAuc(const std::vector<Sample> &real, const std::vector<Sample> &sim, bool imageFeatures)
{
    std::vector<std::vector<double>> x[2];
    std::vector<int> y[2];
    for (int set = 0; set < 2; ++set) {
        const auto &samples = set == 0 ? real : sim;
        for (size_t i = 0; i < samples.size(); ++i) {
            std::vector<double> f = features(samples[i]);
            if (!imageFeatures)
                f.erase(f.begin(), f.begin() + kThumb * kThumb);
            x[i % 2].push_back(std::move(f));
            y[i % 2].push_back(set);
        }
    }
    const size_t d = x[0][0].size();
    std::vector<double> mean(d, 0), sd(d, 0);
    for (const auto &f : x[0]) for (size_t k = 0; k < d; ++k) mean[k] += f[k] / x[0].size();
    for (const auto &f : x[0]) for (size_t k = 0; k < d; ++k) sd[k] += (f[k] - mean[k]) * (f[k] - mean[k]) / x[0].size();
    for (double &s : sd) s = std::sqrt(s) + 1e-6;
    for (auto &part : x) for (auto &f : part) for (size_t k = 0; k < d; ++k) f[k] = (f[k] - mean[k]) / sd[k];
    std::vector<double> w(d + 1, 0.0);
    for (int epoch = 0; epoch < 300; ++epoch) {
        std::vector<double> grad(d + 1, 0.0);
        for (size_t i = 0; i < x[0].size(); ++i) {
            double z = w[d];
            for (size_t k = 0; k < d; ++k) z += w[k] * x[0][i][k];
            const double e = 1.0 / (1.0 + std::exp(-z)) - y[0][i];
            for (size_t k = 0; k < d; ++k) grad[k] += e * x[0][i][k];
            grad[d] += e;
        }
        for (size_t k = 0; k <= d; ++k)
            w[k] -= 0.5 * (grad[k] / x[0].size() + (k < d ? 0.01 * w[k] : 0.0));
    }
    std::vector<double> scores;
    for (const auto &f : x[1]) {
        double z = w[d];
        for (size_t k = 0; k < d; ++k) z += w[k] * f[k];
        scores.push_back(z);
    }
    return auc(scores, y[1]);
}

cv::Mat thumbs(const std::vector<Sample> &samples, size_t from, size_t step)
{
    cv::Mat rows;
    for (size_t i = from; i < samples.size(); i += step) {
        cv::Mat t;
        cv::resize(samples[i].image, t, {kThumb, kThumb}, 0, 0, cv::INTER_AREA);
        t.convertTo(t, CV_64F);
        rows.push_back(t.reshape(1, 1));
    }
    return rows;
}

// Frechet distance between two Gaussians fitted to encoded images.
double frechet(const cv::Mat &a, const cv::Mat &b)
{
    cv::Mat ca, cb, ma, mb;
    cv::calcCovarMatrix(a, ca, ma, cv::COVAR_NORMAL | cv::COVAR_ROWS | cv::COVAR_SCALE, CV_64F);
    cv::calcCovarMatrix(b, cb, mb, cv::COVAR_NORMAL | cv::COVAR_ROWS | cv::COVAR_SCALE, CV_64F);
    auto sqrtm = [](const cv::Mat &m) {
        cv::Mat values, vectors;
        cv::eigen(m, values, vectors);
        cv::Mat d = cv::Mat::zeros(m.size(), CV_64F);
        for (int i = 0; i < values.rows; ++i)
            d.at<double>(i, i) = std::sqrt(std::max(0.0, values.at<double>(i)));
        return cv::Mat(vectors.t() * d * vectors);
    };
    const cv::Mat sa = sqrtm(ca);
    const cv::Mat inner = sqrtm(cv::Mat(sa * cb * sa));
    const double meanTerm = cv::norm(ma - mb, cv::NORM_L2SQR);
    return meanTerm + cv::trace(ca + cb - 2 * inner)[0];
}

struct Stat { double mean = 0, sd = 0; };
template <typename F>
Stat stat(const std::vector<Sample> &s, F f)
{
    Stat r;
    for (const Sample &x : s) r.mean += f(x) / s.size();
    for (const Sample &x : s) r.sd += (f(x) - r.mean) * (f(x) - r.mean) / s.size();
    r.sd = std::sqrt(r.sd);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 120;
    const std::string ctDir = argc > 2 ? argv[2] : defaultCtDirectory();
    const std::string realDir = argc > 3 ? argv[3] : std::string(RADSYNTH_SHARED_DATA_DIR) + "/real-cxr/openist-normal-pa";
    std::error_code ec;
    if (!fs::is_directory(realDir, ec) || !fs::is_directory(ctDir, ec)) {
        std::printf("bench-realism: needs the real frontals (%s) and the CTs (%s); skipped\n", realDir.c_str(), ctDir.c_str());
        return 0;
    }
    auto library = CtLibrary::load(ctDir, defaultCtCacheDirectory(), nullptr, 2);
    if (!library) {
        std::printf("bench-realism: %s\n", library.error().toString().c_str());
        return 1;
    }
    const std::vector<Sample> real = realSamples(realDir, 2 * count);
    const std::vector<Sample> phantom = simulatedSamples(count, nullptr);
    const std::vector<Sample> ct = simulatedSamples(count, &library.value());
    std::printf("images with lung fields measured: real %zu, phantom %zu, CT engine %zu (normal cases, 256 px)\n\n", real.size(),
                phantom.size(), ct.size());

    // The encoder: PCA fitted on the even-indexed real images only; FD against the odd-indexed
    // real images (the floor: sampling noise between two halves of the real set).
    const cv::Mat realFit = thumbs(real, 0, 2), realHeld = thumbs(real, 1, 2);
    cv::PCA pca(realFit, cv::Mat(), cv::PCA::DATA_AS_ROW, 16);
    auto encode = [&](const std::vector<Sample> &s) { return cv::Mat(pca.project(thumbs(s, 0, 1))); };
    const cv::Mat encodedHeld = pca.project(realHeld);

    auto histogramDistance = [&](const std::vector<Sample> &s) { // earth mover's distance of the mean histograms (bins)
        std::vector<double> a(kBins, 0), b(kBins, 0);
        for (const Sample &x : s) for (int k = 0; k < kBins; ++k) a[size_t(k)] += x.histogram[size_t(k)] / s.size();
        for (const Sample &x : real) for (int k = 0; k < kBins; ++k) b[size_t(k)] += x.histogram[size_t(k)] / real.size();
        double carry = 0, emd = 0;
        for (int k = 0; k < kBins; ++k) { carry += a[size_t(k)] - b[size_t(k)]; emd += std::fabs(carry); }
        return emd / kBins;
    };
    struct Measure { const char *name; double (*get)(const Sample &); };
    const Measure measures[] = {
        {"lung / mediastinum", [](const Sample &s) { return s.lungToMediastinum; }},
        {"lung / soft tissue", [](const Sample &s) { return s.lungToSoftTissue; }},
        {"lung / sub-diaphragm", [](const Sample &s) { return s.lungToDiaphragm; }},
        {"rib edge energy", [](const Sample &s) { return s.ribEdges; }},
        {"high-frequency noise", [](const Sample &s) { return s.noise; }},
    };
    std::printf("| measure | real | phantom | CT engine | closer to real |\n|---|---|---|---|---|\n");
    for (const Measure &m : measures) {
        const Stat r = stat(real, m.get), p = stat(phantom, m.get), c = stat(ct, m.get);
        const double dp = std::fabs(p.mean - r.mean) / std::max(1e-9, r.sd), dc = std::fabs(c.mean - r.mean) / std::max(1e-9, r.sd);
        std::printf("| %s | %.3f ± %.3f | %.3f ± %.3f (%.2f sd off) | %.3f ± %.3f (%.2f sd off) | %s |\n", m.name, r.mean, r.sd, p.mean, p.sd,
                    dp, c.mean, c.sd, dc, dc < dp ? "CT engine" : "phantom");
    }
    const double hp = histogramDistance(phantom), hc = histogramDistance(ct);
    std::printf("| lung-field histogram, EMD to real (fraction of the range) | 0 | %.4f | %.4f | %s |\n", hp, hc, hc < hp ? "CT engine" : "phantom");
    for (bool image : {true, false}) {
        const double ap = classifierAuc(real, phantom, image), ac = classifierAuc(real, ct, image);
        std::printf("| real-vs-simulated classifier AUC, %s (0.5 = indistinguishable) | - | %.3f | %.3f | %s |\n",
                    image ? "32x32 image + measures" : "measures + histogram only", ap, ac,
                    std::fabs(ac - ap) < 0.005 ? "neither (both separable)" : ac < ap ? "CT engine" : "phantom");
    }
    const double fr = frechet(encodedHeld, pca.project(realFit)), fp = frechet(encodedHeld, encode(phantom)), fc = frechet(encodedHeld, encode(ct));
    std::printf("| Frechet distance, real-only PCA encoder (real half vs real half: %.2f) | - | %.2f | %.2f | %s |\n", fr, fp, fc,
                fc < fp ? "CT engine" : "phantom");
    return 0;
}
