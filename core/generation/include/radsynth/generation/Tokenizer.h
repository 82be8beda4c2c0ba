#pragma once
// Word-level report tokenizer (standard library only): lower case, punctuation marks are tokens of
// their own, de-identification placeholders ("XXXX") are one token, words seen fewer than
// `minCount` times in the training reports become <unk>. The vocabulary is a text file in the
// bundle, one token per line, ids in line order.
#include "radsynth/generation/Status.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace radsynth::generation {

class Tokenizer {
public:
    static constexpr int kPad = 0, kBos = 1, kEos = 2, kUnk = 3;

    // Splits text into normalised word and punctuation tokens.
    static std::vector<std::string> split(const std::string &text);
    // Builds a vocabulary from training reports.
    void build(const std::vector<std::string> &texts, int minCount = 2, int maxSize = 4000);
    Status save(const std::string &path) const;
    Status load(const std::string &path);

    int size() const { return int(m_tokens.size()); }
    bool empty() const { return m_tokens.empty(); }
    // <bos> tokens... <eos>, truncated to maxLength ids in all (the <eos> kept).
    std::vector<int> encode(const std::string &text, int maxLength) const;
    // Text from ids (special tokens dropped), sentences capitalised.
    std::string decode(const std::vector<int> &ids) const;
    // The text as the tokenizer sees it: decode(encode(text)).
    std::string normalize(const std::string &text, int maxLength = 1 << 20) const { return decode(encode(text, maxLength)); }
    const std::string &token(int id) const;
    int id(const std::string &token) const;

private:
    std::vector<std::string> m_tokens;
    std::unordered_map<std::string, int> m_ids;
};

} // namespace radsynth::generation
