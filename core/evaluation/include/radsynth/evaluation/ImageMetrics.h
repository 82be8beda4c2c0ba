#pragma once
// Image and score metrics (no LibTorch):
//  - PSNR for images with values 0..1 (data range 1): 10 log10(1 / MSE); +infinity when identical.
//  - SSIM (Wang et al. 2004): Gaussian window sigma 1.5 (11 x 11), K1 0.01, K2 0.03, data range 1,
//    mean of the SSIM map over the pixels whose window lies inside the image (as scikit-image).
//  - Frechet distance between two sets of feature vectors: |mu1 - mu2|^2 + tr(S1 + S2 -
//    2 (S1 S2)^1/2), sample covariances (n - 1). With RadSynth image-encoder features this is NOT
//    Inception FID: it is comparable only between RadSynth models.
//  - KID: unbiased squared MMD with the cubic polynomial kernel (x.y / d + 1)^3 (Binkowski et al.
//    2018), averaged over random subsets of at most 1000 vectors when the sets are larger.
//  - ROC AUC: the Mann-Whitney statistic (ties count one half); NaN when a class is absent.
#include "radsynth/generation/Generator.h"

#include <vector>

namespace radsynth::evaluation {

using generation::ImageData;
using Features = std::vector<std::vector<float>>;

// Both images must have the same size; -1 when they do not.
double psnr(const ImageData &a, const ImageData &b);
double ssim(const ImageData &a, const ImageData &b);

double frechetDistance(const Features &a, const Features &b);
double kernelInceptionDistance(const Features &a, const Features &b, unsigned long long seed = 1);

double rocAuc(const std::vector<double> &scores, const std::vector<int> &labels); // labels 1 / 0

// Resizes to size x size (area when shrinking, linear when enlarging), after padding to square.
ImageData resizeSquare(const ImageData &image, int size);
// Pixel-wise mean of images of the same size.
ImageData meanImage(const std::vector<const ImageData *> &images);

} // namespace radsynth::evaluation
