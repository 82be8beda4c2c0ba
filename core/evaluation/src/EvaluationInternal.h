#pragma once
// Internal: metrics.md from the metrics.json tree.
#include "radsynth/generation/Json.h"

#include <string>

namespace radsynth::evaluation {

std::string metricsMarkdown(const generation::Json &metrics);

} // namespace radsynth::evaluation
