#include "radsynth/generation/Tokenizer.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

namespace radsynth::generation {
namespace {
const char *const kSpecials[] = {"<pad>", "<bos>", "<eos>", "<unk>"};

bool isWordChar(unsigned char c) { return std::isalnum(c) || c >= 0x80; }
// Joiners inside a word: "right-sided", "today's", "tortuous/ectatic" (the splitter made them tokens).
bool joins(const std::string &t) { return t == "-" || t == "'" || t == "/"; }
bool attachesLeft(const std::string &t)
{
    return t == "." || t == "," || t == ";" || t == ":" || t == ")" || t == "?" || t == "!" || t == "%" || joins(t);
}
bool attachesRight(const std::string &t) { return t == "(" || joins(t); }
} // namespace

std::vector<std::string> Tokenizer::split(const std::string &text)
{
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) {
            // Any run of X (de-identification, "XXXX", "XX-XX" parts) is one placeholder token.
            if (word.find_first_not_of('x') == std::string::npos && word.size() >= 2)
                word = "xxxx";
            out.push_back(word);
            word.clear();
        }
    };
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (isWordChar(c)) {
            word += char(c < 0x80 ? std::tolower(c) : c);
        } else if (c == '.' && !word.empty() && std::isdigit(static_cast<unsigned char>(word.back())) && i + 1 < text.size() &&
                   std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
            word += '.'; // decimal numbers stay one word ("2.5")
        } else {
            flush();
            if (!std::isspace(c) && c >= 0x20)
                out.push_back(std::string(1, char(c)));
        }
    }
    flush();
    return out;
}

void Tokenizer::build(const std::vector<std::string> &texts, int minCount, int maxSize)
{
    std::map<std::string, int> counts;
    for (const auto &text : texts)
        for (const auto &token : split(text))
            ++counts[token];
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    m_tokens.assign(std::begin(kSpecials), std::end(kSpecials));
    for (const auto &[token, count] : sorted) {
        if (count < minCount || int(m_tokens.size()) >= maxSize)
            break;
        m_tokens.push_back(token);
    }
    m_ids.clear();
    for (size_t i = 0; i < m_tokens.size(); ++i)
        m_ids[m_tokens[i]] = int(i);
}

Status Tokenizer::save(const std::string &path) const
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        return Status::error("cannot write the vocabulary file " + path);
    for (const auto &token : m_tokens)
        out << token << '\n';
    return out ? Status::ok() : Status::error("cannot write the vocabulary file " + path);
}

Status Tokenizer::load(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Status::error("cannot read the vocabulary file " + path);
    std::vector<std::string> tokens;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line.find_first_of(" \t") != std::string::npos)
            return Status::error("vocabulary file " + path + ": bad token on line " + std::to_string(tokens.size() + 1));
        tokens.push_back(line);
    }
    if (tokens.size() < 4 || tokens[0] != kSpecials[0] || tokens[1] != kSpecials[1] || tokens[2] != kSpecials[2] || tokens[3] != kSpecials[3])
        return Status::error("vocabulary file " + path + " does not start with <pad> <bos> <eos> <unk>");
    m_tokens = std::move(tokens);
    m_ids.clear();
    for (size_t i = 0; i < m_tokens.size(); ++i)
        m_ids[m_tokens[i]] = int(i);
    return Status::ok();
}

int Tokenizer::id(const std::string &token) const
{
    auto it = m_ids.find(token);
    return it == m_ids.end() ? kUnk : it->second;
}

const std::string &Tokenizer::token(int id) const
{
    static const std::string unknown = "<unk>";
    return (id >= 0 && id < int(m_tokens.size())) ? m_tokens[size_t(id)] : unknown;
}

std::vector<int> Tokenizer::encode(const std::string &text, int maxLength) const
{
    std::vector<int> ids{kBos};
    for (const auto &token : split(text)) {
        if (int(ids.size()) >= maxLength - 1)
            break;
        ids.push_back(id(token));
    }
    ids.push_back(kEos);
    return ids;
}

std::string Tokenizer::decode(const std::vector<int> &ids) const
{
    std::string out;
    bool capitalise = true;
    bool glueNext = true;
    for (int id : ids) {
        if (id == kEos)
            break;
        if (id == kPad || id == kBos)
            continue;
        std::string t = token(id);
        if (t == "xxxx")
            t = "XXXX";
        if (!glueNext && !attachesLeft(t))
            out += ' ';
        if (capitalise && !t.empty() && std::isalpha(static_cast<unsigned char>(t[0]))) {
            t[0] = char(std::toupper(static_cast<unsigned char>(t[0])));
            capitalise = false;
        }
        out += t;
        glueNext = attachesRight(t);
        if (t == "." || t == "?" || t == "!")
            capitalise = true;
    }
    return out;
}

} // namespace radsynth::generation
