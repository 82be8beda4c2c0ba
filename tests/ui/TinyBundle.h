#pragma once
// An untrained tiny model bundle (preset "tiny", 32 px, every component) made in the test with the
// generation library's createBundle, as tests/generation does: the GUI tests check the workstation's
// flow (jobs, progress, cancellation, placement, marks), not what the model learned.
#include "radsynth/generation/Bundle.h"

#include <QString>

namespace radsynth::test {

inline QString createTinyBundle(const QString &directory, const char *preset = "tiny", uint64_t seed = 5)
{
    generation::CreateBundleOptions options;
    options.directory = directory.toStdString();
    options.name = "radsynth-test-tiny";
    options.version = "0.0.1";
    options.config = generation::ModelConfig::fromPreset(preset).value();
    options.tokenizerTexts = {"heart size is normal .", "lungs are clear .", "no pleural effusion .", "no pneumothorax ."};
    options.seed = seed;
    const generation::Status status = generation::createBundle(options);
    return status ? QString() : QString::fromStdString(status.message());
}

} // namespace radsynth::test
