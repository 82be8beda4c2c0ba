// Sentences that speak of an earlier examination (PriorStudy.h).
#include "radsynth/generation/PriorStudy.h"

#include "radsynth/generation/SentenceSet.h"

#include <set>
#include <sstream>

namespace radsynth::generation {

bool refersToEarlierStudy(const std::string &normalisedSentence)
{
    static const std::set<std::string> words = {"stable",         "unchanged",       "again",    "interval", "prior",     "previous",
                                                "previously",     "compared",        "comparison", "since",  "redemonstrated",
                                                "redemonstration", "persistent",     "persists", "known",    "change",    "resolved",
                                                "improved",       "improvement",     "improving", "worsened", "worsening", "now",
                                                "remains",        "remain"};
    std::istringstream in(normalisedSentence);
    for (std::string w; in >> w;)
        if (words.count(w))
            return true;
    return false;
}

std::vector<std::string> earlierStudySentenceTexts(const std::string &text)
{
    const std::vector<std::string> normalised = SentenceSet::sentences(text), standing = SentenceSet::sentenceTexts(text);
    std::vector<std::string> out;
    for (size_t i = 0; i < normalised.size() && i < standing.size(); ++i)
        if (refersToEarlierStudy(normalised[i]))
            out.push_back(standing[i]);
    return out;
}

} // namespace radsynth::generation
