#pragma once
// How the model reads its own report drafts. The model library does not depend on the report
// library, so its caller hands it the report library's readers; the workstation
// (GenerationService) and the evaluation (`radsynth-cli evaluate`) hand it the same ones through
// this one function, so that the evaluation scores the model as the workstation runs it.
#include "radsynth/report/Readability.h"

namespace radsynth::generation {
class Generator;
}

namespace radsynth::workflow {

// Sets on `generator`: the labeler finding-guided drafting reads drafts with (report::labelVector),
// the contradiction count that guards the rewriting of composed sentences, the final pass's charge
// per draft (report::fragmentPenalty), the final pass drafts are weighed through
// (report::finishedDraft, with `unsupported` and the bundle's training sentences), and the reader
// of the sides a draft states (report::sideVector).
void attachDraftReading(generation::Generator &generator, const report::UnsupportedClaims &unsupported = {});

} // namespace radsynth::workflow
