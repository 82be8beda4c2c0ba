// Detector and image processing: scatter, blur, quantum noise, log, range compression, tone curve.
#include "Random.h"
#include "Statistics.h"
#include "radsynth/simulation/Simulator.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace radsynth::simulation {

namespace {
// Gaussian blur with a large sigma (in pixels): on a grid downsampled so that sigma stays >= 6
// cells, then bilinearly upsampled. Below 12 pixels, the plain blur.
void smoothBlur(const cv::Mat &in, cv::Mat &out, double sigma)
{
    const int factor = std::clamp(int(sigma / 6.0), 1, 4);
    if (factor == 1 || in.cols % factor != 0 || in.rows % factor != 0) {
        cv::GaussianBlur(in, out, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
        return;
    }
    cv::Mat small;
    cv::resize(in, small, cv::Size(in.cols / factor, in.rows / factor), 0, 0, cv::INTER_AREA);
    const double s = std::sqrt(std::max(0.25, sigma * sigma / double(factor * factor) - 0.25));
    cv::GaussianBlur(small, small, cv::Size(0, 0), s, s, cv::BORDER_REPLICATE);
    cv::resize(small, out, in.size(), 0, 0, cv::INTER_LINEAR);
}
} // namespace

std::vector<uint16_t> detect(const Projection &projection, double pixelCm, const DetectorSettings &s)
{
    const int W = projection.width, H = projection.height;
    cv::Mat integral(H, W, CV_32F, const_cast<float *>(projection.lineIntegral.data()));
    cv::Mat primary;
    cv::exp(-integral, primary);
    // Scatter: a low-frequency haze proportional to the primary around each point.
    // The haze is smooth (sigma 5 cm), so it is blurred at a quarter of the resolution and
    // interpolated back: the same field to well below the quantum noise, at a fraction of the cost.
    cv::Mat scatter;
    const double scatterSigma = 5.0 / pixelCm;
    smoothBlur(primary, scatter, scatterSigma);
    cv::Mat signal = primary + scatter * s.scatterFraction;
    // Quantum noise: Poisson in the detected photons (Gaussian approximation), then detector blur.
    const double pixelMm2 = (pixelCm * 10) * (pixelCm * 10);
    const double photons = s.photonsPerMm2 * s.exposure * pixelMm2 * 1e-3;
    Random random(s.noiseSeed);
    for (int y = 0; y < H; ++y) {
        float *row = signal.ptr<float>(y);
        for (int x = 0; x < W; ++x) {
            const double n = std::max(1e-3, double(row[x]) * photons);
            row[x] = float(std::max(0.5, n + std::sqrt(n) * random.normal()) / photons);
            if (s.electronicNoise > 0.0)
                row[x] = std::max(0.5f / float(photons), row[x] + float(s.electronicNoise * random.normal()));
        }
    }
    const double blurSigma = s.blurMm / (pixelCm * 10);
    if (blurSigma > 0.05)
        cv::GaussianBlur(signal, signal, cv::Size(0, 0), blurSigma, blurSigma, cv::BORDER_REPLICATE);
    cv::Mat logImage;
    cv::log(signal, logImage);
    logImage = -logImage;

    // Range compression and detail enhancement (as CR processing does), then a sigmoid tone curve
    // set from the histogram of the exposed anatomy (exposure recognition).
    cv::Mat low;
    const double lowSigma = 2.5 / pixelCm;
    smoothBlur(logImage, low, lowSigma);
    cv::Mat processed = low * 0.55 + (logImage - low) * 1.6;
    std::vector<float> anatomy;
    anatomy.reserve(size_t(W) * H);
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            if (projection.lineIntegral[size_t(y) * W + x] > 0.5f)
                anatomy.push_back(processed.at<float>(y, x));
    const double p05 = percentile(anatomy, 0.03), p95 = percentile(anatomy, 0.985);
    const double center = 0.5 * (p05 + p95) - 0.06 * (p95 - p05);
    const double width = std::max(1e-3, (p95 - p05) / 4.4);
    std::vector<uint16_t> out(size_t(W) * H);
    const double lo = 1.0 / (1.0 + std::exp(-(p05 - 0.8 * (p95 - p05) - center) / width));
    const double hi = 1.0 / (1.0 + std::exp(-(p95 + 0.5 * (p95 - p05) - center) / width));
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const double v = 1.0 / (1.0 + std::exp(-(processed.at<float>(y, x) - center) / width));
            const double t = std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
            out[size_t(y) * W + x] = uint16_t(std::lround(t * 4095.0));
        }
    return out;
}

} // namespace radsynth::simulation
