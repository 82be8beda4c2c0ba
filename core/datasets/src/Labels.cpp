// Observation labels from report text through the report labeler (core/report) when it is built.
#include "DatasetsInternal.h"

namespace radsynth::datasets::detail {

bool labelerAvailable()
{
    return false;
}

bool labelFromReport(const std::string &, std::array<int8_t, generation::kObservationCount> &)
{
    return false;
}

} // namespace radsynth::datasets::detail
