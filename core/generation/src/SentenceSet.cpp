// The sentences a bundle's training reports hold, as hashes (SentenceSet.h).
#include "radsynth/generation/SentenceSet.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace radsynth::generation {

namespace {
constexpr char kMagic[8] = {'R', 'S', 'S', 'E', 'N', 'T', '1', '\n'};
constexpr uint64_t kMaximumSentences = uint64_t(1) << 24; // a file claiming more is not one of ours

bool isWordChar(unsigned char c) { return std::isalnum(c) != 0; }

bool isHeader(const std::string &word)
{
    return word == "findings" || word == "impression" || word == "comparison" || word == "indication";
}

// The words of `raw` in lower case joined by single spaces; empty when it has no letter.
std::string normalise(const std::string &raw)
{
    std::vector<std::string> words;
    std::string word;
    for (unsigned char c : raw) {
        if (isWordChar(c)) {
            word.push_back(char(std::tolower(c)));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty())
        words.push_back(std::move(word));
    bool letter = false;
    for (const auto &w : words)
        letter = letter || std::any_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
    if (!letter)
        return {};
    std::string out;
    for (const auto &w : words) {
        if (!out.empty())
            out.push_back(' ');
        out += w;
    }
    return out;
}

void putU64(std::string &out, uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(char((v >> (8 * i)) & 0xFF));
}

uint64_t getU64(const char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
    return v;
}

struct Piece {
    size_t start = 0, end = 0; // the sentence's bytes in the text, header excluded, trimmed
    std::string normalised;
};

std::vector<Piece> pieces(const std::string &text)
{
    std::vector<Piece> out;
    size_t begin = 0;
    auto flush = [&](size_t end) {
        const std::string raw = text.substr(begin, end - begin);
        std::string s = normalise(raw);
        if (!s.empty()) {
            size_t a = begin, b = end;
            while (a < b && std::isspace(static_cast<unsigned char>(text[a])))
                ++a;
            while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1])))
                --b;
            out.push_back({a, b, std::move(s)});
        }
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == '\r') {
            flush(i);
            begin = i + 1;
            continue;
        }
        // A section header ends its own piece and is dropped: "Impression: 1. Small effusion."
        // gives "1" (no letter: not a sentence) and "small effusion".
        if (c == ':' && isHeader(normalise(text.substr(begin, i - begin)))) {
            begin = i + 1;
            continue;
        }
        if ((c == '.' || c == '?' || c == '!') && (i + 1 == text.size() || std::isspace(static_cast<unsigned char>(text[i + 1])))) {
            flush(i + 1);
            begin = i + 1;
        }
    }
    flush(text.size());
    return out;
}
} // namespace

std::vector<std::string> SentenceSet::sentences(const std::string &text)
{
    std::vector<std::string> out;
    for (auto &piece : pieces(text))
        out.push_back(std::move(piece.normalised));
    return out;
}

std::vector<std::string> SentenceSet::sentenceTexts(const std::string &text)
{
    std::vector<std::string> out;
    for (const Piece &piece : pieces(text))
        out.push_back(text.substr(piece.start, piece.end - piece.start));
    return out;
}

std::vector<std::string> SentenceSet::novelSentenceTexts(const std::string &text) const
{
    std::vector<std::string> out;
    for (const Piece &piece : pieces(text))
        if (!contains(piece.normalised))
            out.push_back(text.substr(piece.start, piece.end - piece.start));
    return out;
}

uint64_t SentenceSet::hash(const std::string &normalised)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : normalised) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

SentenceSet SentenceSet::fromReports(const std::vector<std::string> &reports)
{
    SentenceSet set;
    for (const auto &report : reports)
        for (const auto &s : sentences(report))
            set.m_hashes.push_back(hash(s));
    std::sort(set.m_hashes.begin(), set.m_hashes.end());
    set.m_hashes.erase(std::unique(set.m_hashes.begin(), set.m_hashes.end()), set.m_hashes.end());
    return set;
}

bool SentenceSet::contains(const std::string &normalised) const
{
    return std::binary_search(m_hashes.begin(), m_hashes.end(), hash(normalised));
}

int SentenceSet::novelSentences(const std::string &text) const
{
    int novel = 0;
    for (const auto &s : sentences(text))
        novel += contains(s) ? 0 : 1;
    return novel;
}

Status SentenceSet::save(const std::string &path) const
{
    std::string bytes(kMagic, sizeof kMagic);
    putU64(bytes, m_hashes.size());
    for (uint64_t h : m_hashes)
        putU64(bytes, h);
    const std::string part = path + ".part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        if (!out || !out.write(bytes.data(), std::streamsize(bytes.size())) || !out.flush())
            return Status::error("cannot write the training sentences " + part);
    }
    if (std::rename(part.c_str(), path.c_str()) != 0) {
        std::remove(part.c_str());
        return Status::error("cannot write the training sentences " + path);
    }
    return Status::ok();
}

Outcome<SentenceSet> SentenceSet::load(const std::string &path)
{
    using R = Outcome<SentenceSet>;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return R::failure("cannot open the training sentences " + path);
    std::ostringstream s;
    s << in.rdbuf();
    const std::string bytes = s.str();
    if (bytes.size() < sizeof kMagic + 8 || !std::equal(kMagic, kMagic + sizeof kMagic, bytes.begin()))
        return R::failure(path + " is not a RadSynth training-sentence file");
    const uint64_t count = getU64(bytes.data() + sizeof kMagic);
    if (count > kMaximumSentences || bytes.size() != sizeof kMagic + 8 + count * 8)
        return R::failure(path + ": its size does not match the sentence count it gives");
    SentenceSet set;
    set.m_hashes.reserve(size_t(count));
    for (uint64_t i = 0; i < count; ++i)
        set.m_hashes.push_back(getU64(bytes.data() + sizeof kMagic + 8 + i * 8));
    if (!std::is_sorted(set.m_hashes.begin(), set.m_hashes.end()) ||
        std::adjacent_find(set.m_hashes.begin(), set.m_hashes.end()) != set.m_hashes.end())
        return R::failure(path + ": the sentence hashes are not sorted and unique");
    return set;
}

} // namespace radsynth::generation
