#pragma once
// Sentences that speak of an earlier examination: "Stable cardiomegaly.", "Unchanged from prior.",
// "Left base opacities again noted.", "Interval improvement.", "The mediastinum remains normal.",
// "... the patient's known hiatal hernia.". Radiologists write them when they compare with a prior
// study; the model sees one study and no history, so in its drafts such a sentence claims what it
// cannot know. The words, on a normalised sentence (SentenceSet.h: lower-case words joined by
// single spaces): stable, unchanged, again, interval, prior, previous, previously, compared,
// comparison, since, redemonstrated, redemonstration, persistent, persists, known, change (not
// "changes": "degenerative changes" is no comparison), resolved, improved, improvement, improving,
// worsened, worsening, now, remains, remain. Left out as ambiguous: "increased" / "decreased"
// ("increased AP diameter", "lung volumes are decreased"), "new", "resolution" ("high resolution").
// 9 % of the IU X-ray report sentences have one of them. Standard library only.
#include <string>
#include <vector>

namespace radsynth::generation {

bool refersToEarlierStudy(const std::string &normalisedSentence);
// The sentences of a report `text` that do, as they stand in it (SentenceSet::sentenceTexts).
std::vector<std::string> earlierStudySentenceTexts(const std::string &text);

} // namespace radsynth::generation
