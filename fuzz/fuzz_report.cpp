// libFuzzer harness: arbitrary bytes as report text through core/report, as the report editor,
// the importer and the generator's final pass read it: ReportDocument::fromPlainText and its
// plain-text form, the labeler (on the text and on the document), labelVector, the contradiction
// pass and the readability pass (fragments, finalizeDraft with and without the classifiers'
// opinion).
// Checked besides the sanitizers: every offset the labeler and the passes give lies inside the
// text it refers to, and a report read from its own plain-text form is the same report (a draft
// saved and opened again must not change).
#include "FuzzCheck.h"

#include "radsynth/report/Consistency.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/report/Readability.h"
#include "radsynth/report/ReportDocument.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace {

using namespace radsynth::report;

void checkSpans(const LabelResult &result, const QString &text)
{
    const int size = int(text.size());
    for (const Mention &m : result.mentions) {
        FUZZ_CHECK(m.start >= 0 && m.length >= 0 && m.start + m.length <= size, "mention inside the text");
        FUZZ_CHECK(m.sentenceStart >= 0 && m.sentenceLength >= 0 && m.sentenceStart + m.sentenceLength <= size,
                   "mention's sentence inside the text");
    }
    for (const OtherMention &m : result.others)
        FUZZ_CHECK(m.start >= 0 && m.length >= 0 && m.start + m.length <= size, "other mention inside the text");
    (void)result.toJson(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Labeler labeler;
    const std::string utf8(reinterpret_cast<const char *>(data), size);
    const QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));

    const ReportDocument document = ReportDocument::fromPlainText(text);
    const QString plain = document.toPlainText();
    FUZZ_CHECK(ReportDocument::fromPlainText(plain) == document, "a report reads back from its plain-text form");

    for (const auto &[start, end] : Labeler::sentences(text))
        FUZZ_CHECK(start >= 0 && start <= end && end <= int(text.size()), "sentence span inside the text");
    const LabelResult onText = labeler.label(text);
    checkSpans(onText, text);
    checkSpans(labeler.label(document), document.findingsAndImpression());
    (void)labelVector(utf8);

    (void)contradictions(onText, text);
    const Resolution resolution = resolveContradictions(text, labeler);
    FUZZ_CHECK(resolution.removedSentences >= 0, "removed sentence count");
    for (const Fragment &f : fragments(text))
        FUZZ_CHECK(f.start >= 0 && f.length >= 0 && f.start + f.length <= int(text.size()), "fragment inside the text");
    (void)finalizeDraft(text, labeler);
    // The classifiers' opinion (1 present, 0 absent, -1 none) from the first bytes.
    std::array<int8_t, kObservationCount> present{};
    for (size_t k = 0; k < present.size(); ++k)
        present[k] = int8_t(k < size ? int(data[k] % 3) - 1 : -1);
    (void)finalizeDraft(text, labeler, present);
    return 0;
}
