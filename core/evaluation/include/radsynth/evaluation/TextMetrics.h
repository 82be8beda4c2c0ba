#pragma once
// Report metrics of the captioning literature, computed on word tokens (lower case, punctuation
// dropped, as the COCO caption evaluation's tokenizer does). One reference per candidate.
//  - BLEU-1..4 (Papineni et al. 2002): corpus level, clipped n-gram precisions, geometric mean,
//    brevity penalty exp(1 - r/c) when the candidates are shorter than the references.
//  - METEOR (Banerjee & Lavie 2005): exact unigram matches only (no stemming, synonyms or
//    paraphrases), Fmean = 10PR / (R + 9P), penalty 0.5 (chunks / matches)^3; mean over sentences.
//    Lower than METEOR 1.5 (the Java tool papers use), which also matches stems and synonyms.
//  - ROUGE-L (Lin 2004): longest common subsequence F-measure with beta 1.2 (as the COCO code);
//    mean over sentences.
//  - CIDEr-D (Vedantam et al. 2015, as the COCO code): TF-IDF n-gram vectors (n = 1..4, document
//    frequencies from the references), clipped cosine similarity, Gaussian length penalty sigma 6,
//    times 10; mean over sentences.
#include <array>
#include <string>
#include <vector>

namespace radsynth::evaluation {

using Tokens = std::vector<std::string>;

// Lower case words (letters and digits); punctuation dropped.
Tokens metricTokens(const std::string &text);

struct BleuScores {
    std::array<double, 4> bleu{};       // BLEU-1..4
    std::array<double, 4> precisions{}; // modified n-gram precisions
    double brevityPenalty = 1;
    size_t candidateLength = 0, referenceLength = 0;
};
BleuScores corpusBleu(const std::vector<Tokens> &candidates, const std::vector<Tokens> &references);

double meteor(const Tokens &candidate, const Tokens &reference);
double rougeL(const Tokens &candidate, const Tokens &reference, double beta = 1.2);
// Per-candidate CIDEr-D scores (document frequencies from all references).
std::vector<double> ciderD(const std::vector<Tokens> &candidates, const std::vector<Tokens> &references, double sigma = 6.0);

struct TextScores {
    BleuScores bleu;
    double meteor = 0, rougeL = 0, cider = 0;
    size_t count = 0;
};
TextScores scoreReports(const std::vector<std::string> &candidates, const std::vector<std::string> &references);

} // namespace radsynth::evaluation
