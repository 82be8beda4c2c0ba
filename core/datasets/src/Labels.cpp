// Observation labels from report text through the report labeler (core/report) when it is built:
// positive 1, uncertain -1, negative or not mentioned 0 (the training cache's convention).
#include "DatasetsInternal.h"

#ifdef RADSYNTH_DATASETS_HAVE_REPORT
#include "radsynth/report/Labeler.h"
#endif

namespace radsynth::datasets::detail {

#ifdef RADSYNTH_DATASETS_HAVE_REPORT
static_assert(report::kObservationCount == generation::kObservationCount, "the labeler and the cache share the 14 observations");

bool labelerAvailable()
{
    return true;
}

bool labelFromReport(const std::string &text, std::array<int8_t, generation::kObservationCount> &labels)
{
    labels = report::labelVector(text);
    return true;
}
#else
bool labelerAvailable()
{
    return false;
}

bool labelFromReport(const std::string &, std::array<int8_t, generation::kObservationCount> &)
{
    return false;
}
#endif

} // namespace radsynth::datasets::detail

bool radsynth::datasets::reportLabelerAvailable()
{
    return detail::labelerAvailable();
}
