#pragma once
// The tensor form of radsynth/generation/AcquisitionAugment.h, for the trainer.
#include <torch/torch.h>

namespace radsynth::generation {

// images [B, 1, H, W] in 0..1 (any device); each sample gets its own random acquisition drawn
// from `g`. Returns a new tensor of the same shape, values in 0..1.
torch::Tensor augmentAcquisitionBatch(const torch::Tensor &images, at::Generator &g, double strength = 1.0);

} // namespace radsynth::generation
