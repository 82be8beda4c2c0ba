// Real-acquisition augmentation of conditioning views (radsynth/generation/AcquisitionAugment.h).
// Every parameter is drawn per sample; the ranges cover what the real sets of ../shared/data show
// against the CT simulator's images (docs/GENERATION.md, "Real-acquisition augmentation").
#include "AcquisitionAugment.h"

#include "Models.h"
#include "radsynth/generation/AcquisitionAugment.h"

#include <algorithm>
#include <cmath>

namespace F = torch::nn::functional;

namespace radsynth::generation {
namespace {

// Uniform draws in [lo, hi), one per sample, on the CPU (the generator's device).
torch::Tensor uniform(int64_t n, double lo, double hi, at::Generator &g)
{
    return torch::rand({n}, g) * (hi - lo) + lo;
}

torch::Tensor boxBlur(const torch::Tensor &x, int radius)
{
    const int64_t k = 2 * radius + 1;
    return F::avg_pool2d(F::pad(x, F::PadFuncOptions({radius, radius, radius, radius}).mode(torch::kReplicate)),
                         F::AvgPool2dFuncOptions(k).stride(1));
}

} // namespace

torch::Tensor augmentAcquisitionBatch(const torch::Tensor &images, at::Generator &g, double strength)
{
    torch::NoGradGuard noGrad;
    const double k = std::clamp(strength, 0.0, 1.0);
    if (k <= 0 || images.numel() == 0)
        return images.clone();
    const int64_t B = images.size(0), H = images.size(2), W = images.size(3);
    const auto device = images.device();
    auto perSample = [&](const torch::Tensor &t) { return t.to(device).view({B, 1, 1, 1}); };

    // Positioning: the chest smaller or larger in the field (a real PA shows the
    // shoulders and arms the simulator's field leaves out), turned a few degrees, off centre.
    auto scale = uniform(B, 1.0 - 0.20 * k, 1.0 + 0.06 * k, g);
    auto angle = uniform(B, -0.105 * k, 0.105 * k, g); // +-6 degrees
    auto tx = uniform(B, -0.06 * k, 0.06 * k, g), ty = uniform(B, -0.06 * k, 0.06 * k, g);
    auto cosA = torch::cos(angle) / scale, sinA = torch::sin(angle) / scale;
    auto theta = torch::stack({torch::stack({cosA, -sinA, tx}, 1), torch::stack({sinA, cosA, ty}, 1)}, 1).to(device);
    auto grid = F::affine_grid(theta, {B, 1, H, W}, false);
    auto x = F::grid_sample(images, grid, F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kBorder).align_corners(false));

    // Detector blur, then the processing station: window, gamma (the look-up curve), edge
    // enhancement (unsharp masking at two scales: ribs and vessels crisp), noise.
    const int fine = std::max(1, int(std::lround(double(H) / 64.0))), coarse = std::max(2, int(std::lround(double(H) / 32.0)));
    auto blur = perSample(uniform(B, 0, 0.6 * k, g));
    x = (1 - blur) * x + blur * boxBlur(x, 1);
    auto low = perSample(uniform(B, -0.05 * k, 0.12 * k, g)), high = perSample(1.0 - uniform(B, -0.05 * k, 0.12 * k, g));
    x = ((x - low) / (high - low)).clamp(0, 1);
    x = x.clamp_min(1e-6).pow(perSample(torch::exp(uniform(B, -0.45 * k, 0.45 * k, g))));
    auto amount = perSample(uniform(B, 0, 1.5 * k, g)), mix = perSample(uniform(B, 0, 1, g));
    auto detail = x - (mix * boxBlur(x, fine) + (1 - mix) * boxBlur(x, coarse));
    x = (x + amount * detail).clamp(0, 1);
    x = (x + perSample(uniform(B, 0, 0.025 * k, g)) * torch::randn({B, 1, H, W}, g).to(device)).clamp(0, 1);

    // Burnt-in markers (a bright letter-sized block near a top corner) and collimator edges.
    auto draws = uniform(B * 12, 0, 1, g).view({B, 12});
    auto d = draws.accessor<float, 2>();
    for (int64_t i = 0; i < B; ++i) {
        auto sample = x[i][0];
        if (d[i][0] < 0.3 * k) {
            const int64_t h = std::max<int64_t>(2, int64_t(double(H) * (0.02 + 0.04 * d[i][1])));
            const int64_t w = std::max<int64_t>(2, int64_t(double(W) * (0.015 + 0.03 * d[i][2])));
            const int64_t top = int64_t(double(H) * 0.12 * d[i][3]);
            const int64_t left = d[i][4] < 0.5 ? int64_t(double(W) * 0.15 * d[i][5]) : W - w - int64_t(double(W) * 0.15 * d[i][5]);
            sample.narrow(0, std::clamp<int64_t>(top, 0, H - h), h).narrow(1, std::clamp<int64_t>(left, 0, W - w), w).fill_(0.9 + 0.1 * d[i][6]);
        }
        if (d[i][7] < 0.25 * k) {
            const float value = d[i][8] < 0.7 ? 0.0f : 1.0f;
            const int64_t side = int64_t(d[i][9] * 4) % 4, width = std::max<int64_t>(1, int64_t(double(H) * 0.08 * d[i][10]));
            if (side == 0)
                sample.narrow(0, 0, width).fill_(value);
            else if (side == 1)
                sample.narrow(0, H - width, width).fill_(value);
            else if (side == 2)
                sample.narrow(1, 0, width).fill_(value);
            else
                sample.narrow(1, W - width, width).fill_(value);
        }
    }
    return x;
}

ImageData augmentAcquisition(const ImageData &image, uint64_t seed, double strength)
{
    if (image.empty() || image.width <= 0 || image.height <= 0 || image.pixels.size() != size_t(image.width) * size_t(image.height))
        return image;
    auto t = torch::from_blob(const_cast<float *>(image.pixels.data()), {1, 1, image.height, image.width}, torch::kFloat32).clone();
    at::Generator g = detail::makeGenerator(seed);
    auto y = augmentAcquisitionBatch(t, g, strength).contiguous();
    ImageData out{image.width, image.height, {}};
    out.pixels.assign(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
    return out;
}

} // namespace radsynth::generation
