// The report library's readers handed to the model (DraftReading.h).
#include "radsynth/workflow/DraftReading.h"

#include "radsynth/generation/Generator.h"
#include "radsynth/report/Consistency.h"
#include "radsynth/report/Labeler.h"

namespace radsynth::workflow {

void attachDraftReading(generation::Generator &generator, const report::UnsupportedClaims &unsupported)
{
    generator.setReportLabeler(report::labelVector);
    generator.setContradictionCounter(report::contradictionCount);
    generator.setDraftPenalty(report::fragmentPenalty); // the generator chooses the draft the final pass keeps
    generator.setDraftFinisher([unsupported, known = &generator.trainingSentences()](const std::string &draft, const std::vector<float> &p) {
        return report::finishedDraft(draft, p, unsupported, known);
    });
    generator.setReportSideReader(report::sideVector);
}

} // namespace radsynth::workflow
