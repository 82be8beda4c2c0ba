#pragma once
// Real-acquisition augmentation (torch-free interface; the tensors stay in
// src/AcquisitionAugment.cpp): a simulated radiograph given what real acquisitions and their
// processing do to an image, so that a generator conditioned on it learns to read real ones.
//
// The CT-based simulator's frontals are all framed, exposed and processed one way: the chest fills
// the field, no arms or shoulders, a smooth grey scale, 2 mm voxels' soft edges. A real PA or AP
// differs in each: wider or tighter collimation and positioning (scale, rotation, shift), the
// look-up curve and window of the processing station (contrast, gamma), edge enhancement (unsharp
// masking makes ribs and vessels crisp), detector blur and noise, burnt-in markers, collimator
// edges. The generators were trained on simulated conditioning views only and turned a real
// frontal into a blurred average lateral. Trained with these changes applied to the CONDITIONING
// view (never to the view being generated, whose anatomy must match the other view's), they learn
// to look through them (docs/GENERATION.md, "Real-acquisition augmentation").
#include "radsynth/generation/Generator.h"

#include <cstdint>

namespace radsynth::generation {

// One augmented copy of `image` (intensities 0..1, any size; the result has its size, values in
// 0..1). The same image and seed give the same result. Strength 0 returns the image unchanged;
// 1 is the trainer's setting.
ImageData augmentAcquisition(const ImageData &image, uint64_t seed, double strength = 1.0);

} // namespace radsynth::generation
