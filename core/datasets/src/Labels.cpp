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
    static const report::Labeler labeler;
    const report::LabelResult result = labeler.label(QString::fromStdString(text));
    labels.fill(0);
    for (const report::Finding &finding : result.findings) {
        const int index = int(finding.observation);
        if (index < 0 || index >= generation::kObservationCount)
            continue;
        labels[size_t(index)] = finding.status == report::Status::Positive ? 1 : (finding.status == report::Status::Uncertain ? -1 : 0);
    }
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
