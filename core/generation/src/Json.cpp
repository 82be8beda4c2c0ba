#include "radsynth/generation/Json.h"

#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace radsynth::generation {
std::string jsonEscape(const std::string &text)
{
    std::string out;
    out.reserve(text.size() + 8);
    for (unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += char(c);
            }
        }
    }
    return out;
}

namespace {
const Json &nullJson()
{
    static const Json value;
    return value;
}

void escape(std::string &out, const std::string &text)
{
    out += '"';
    out += jsonEscape(text);
    out += '"';
}

class Parser {
public:
    explicit Parser(const std::string &text) : m_text(text) {}
    bool parseDocument(Json &out, std::string *error)
    {
        skip();
        if (!parseValue(out, 0))
            return fail(error);
        skip();
        if (m_pos != m_text.size()) {
            m_error = "unexpected trailing characters";
            return fail(error);
        }
        return true;
    }

private:
    bool fail(std::string *error)
    {
        if (error)
            *error = "JSON error at offset " + std::to_string(m_pos) + ": " + m_error;
        return false;
    }
    void skip()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
            ++m_pos;
    }
    bool literal(const char *word)
    {
        size_t n = std::char_traits<char>::length(word);
        if (m_text.compare(m_pos, n, word) != 0)
            return false;
        m_pos += n;
        return true;
    }
    bool parseValue(Json &out, int depth)
    {
        if (depth > 64) {
            m_error = "nesting too deep";
            return false;
        }
        if (m_pos >= m_text.size()) {
            m_error = "unexpected end of input";
            return false;
        }
        char c = m_text[m_pos];
        if (c == '{')
            return parseObject(out, depth);
        if (c == '[')
            return parseArray(out, depth);
        if (c == '"') {
            std::string s;
            if (!parseString(s))
                return false;
            out = Json(std::move(s));
            return true;
        }
        if (literal("true")) { out = Json(true); return true; }
        if (literal("false")) { out = Json(false); return true; }
        if (literal("null")) { out = Json(); return true; }
        if (c == '-' || (c >= '0' && c <= '9')) {
            const char *begin = m_text.c_str() + m_pos;
            char *end = nullptr;
            double value = std::strtod(begin, &end);
            if (end == begin || !std::isfinite(value)) {
                m_error = "bad number";
                return false;
            }
            m_pos += size_t(end - begin);
            out = Json(value);
            return true;
        }
        m_error = std::string("unexpected character '") + c + "'";
        return false;
    }
    static void appendUtf8(std::string &out, unsigned code)
    {
        if (code < 0x80) {
            out += char(code);
        } else if (code < 0x800) {
            out += char(0xC0 | (code >> 6));
            out += char(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += char(0xE0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        } else {
            out += char(0xF0 | (code >> 18));
            out += char(0x80 | ((code >> 12) & 0x3F));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        }
    }
    bool hex4(unsigned &code)
    {
        if (m_pos + 4 > m_text.size()) {
            m_error = "truncated \\u escape";
            return false;
        }
        code = 0;
        for (int i = 0; i < 4; ++i) {
            char h = m_text[m_pos++];
            code <<= 4;
            if (h >= '0' && h <= '9') code |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f') code |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') code |= unsigned(h - 'A' + 10);
            else {
                m_error = "bad \\u escape";
                return false;
            }
        }
        return true;
    }
    bool parseString(std::string &out)
    {
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            char e = m_text[m_pos++];
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned code = 0;
                if (!hex4(code))
                    return false;
                if (code >= 0xD800 && code < 0xDC00 && m_text.compare(m_pos, 2, "\\u") == 0) {
                    m_pos += 2;
                    unsigned low = 0;
                    if (!hex4(low))
                        return false;
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, code);
                break;
            }
            default:
                m_error = "bad escape";
                return false;
            }
        }
        m_error = "unterminated string";
        return false;
    }
    bool parseArray(Json &out, int depth)
    {
        ++m_pos;
        out = Json::array();
        skip();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            skip();
            Json item;
            if (!parseValue(item, depth + 1))
                return false;
            out.push(std::move(item));
            skip();
            if (m_pos >= m_text.size()) {
                m_error = "unterminated array";
                return false;
            }
            char c = m_text[m_pos++];
            if (c == ']')
                return true;
            if (c != ',') {
                m_error = "expected ',' or ']'";
                return false;
            }
        }
    }
    bool parseObject(Json &out, int depth)
    {
        ++m_pos;
        out = Json::object();
        skip();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            skip();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
                m_error = "expected a member name";
                return false;
            }
            std::string key;
            if (!parseString(key))
                return false;
            skip();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
                m_error = "expected ':'";
                return false;
            }
            ++m_pos;
            skip();
            Json value;
            if (!parseValue(value, depth + 1))
                return false;
            out.set(key, std::move(value));
            skip();
            if (m_pos >= m_text.size()) {
                m_error = "unterminated object";
                return false;
            }
            char c = m_text[m_pos++];
            if (c == '}')
                return true;
            if (c != ',') {
                m_error = "expected ',' or '}'";
                return false;
            }
        }
    }

    const std::string &m_text;
    size_t m_pos = 0;
    std::string m_error;
};
} // namespace

int Json::toInt(int fallback) const
{
    // Compared as doubles: both limits are exact, and NaN (never parsed) fails both tests.
    if (m_type != Type::Number || !(m_number > double(INT_MIN) - 1.0 && m_number < double(INT_MAX) + 1.0))
        return fallback;
    return int(m_number);
}

long long Json::toInt64(long long fallback) const
{
    constexpr double kLimit = 9223372036854775808.0; // 2^63, exact as a double
    if (m_type != Type::Number || !(m_number >= -kLimit && m_number < kLimit))
        return fallback;
    return (long long)m_number;
}

bool Json::isInt() const
{
    return m_type == Type::Number && std::floor(m_number) == m_number && m_number >= double(INT_MIN) && m_number <= double(INT_MAX);
}

const Json &Json::at(size_t index) const { return (m_type == Type::Array && index < m_items.size()) ? m_items[index] : nullJson(); }

void Json::push(Json value)
{
    if (m_type != Type::Array) {
        *this = array();
    }
    m_items.push_back(std::move(value));
}

bool Json::contains(const std::string &key) const
{
    for (const auto &member : m_members)
        if (member.first == key)
            return true;
    return false;
}

const Json &Json::operator[](const std::string &key) const
{
    if (m_type == Type::Object)
        for (const auto &member : m_members)
            if (member.first == key)
                return member.second;
    return nullJson();
}

void Json::set(const std::string &key, Json value)
{
    if (m_type != Type::Object)
        *this = object();
    for (auto &member : m_members)
        if (member.first == key) {
            member.second = std::move(value);
            return;
        }
    m_members.emplace_back(key, std::move(value));
}

void Json::dumpTo(std::string &out, int indent, int depth) const
{
    auto newline = [&](int d) {
        if (indent > 0) {
            out += '\n';
            out.append(size_t(indent * d), ' ');
        }
    };
    switch (m_type) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += m_bool ? "true" : "false"; break;
    case Type::Number: {
        char buffer[32];
        if (std::floor(m_number) == m_number && std::fabs(m_number) < 1e15)
            std::snprintf(buffer, sizeof buffer, "%.0f", m_number);
        else
            std::snprintf(buffer, sizeof buffer, "%.9g", m_number);
        out += buffer;
        break;
    }
    case Type::String: escape(out, m_string); break;
    case Type::Array:
        out += '[';
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (i)
                out += ',';
            newline(depth + 1);
            m_items[i].dumpTo(out, indent, depth + 1);
        }
        if (!m_items.empty())
            newline(depth);
        out += ']';
        break;
    case Type::Object:
        out += '{';
        for (size_t i = 0; i < m_members.size(); ++i) {
            if (i)
                out += ',';
            newline(depth + 1);
            escape(out, m_members[i].first);
            out += indent > 0 ? ": " : ":";
            m_members[i].second.dumpTo(out, indent, depth + 1);
        }
        if (!m_members.empty())
            newline(depth);
        out += '}';
        break;
    }
}

std::string Json::dump(int indent) const
{
    std::string out;
    dumpTo(out, indent, 0);
    return out;
}

bool Json::parse(const std::string &text, Json &out, std::string *error)
{
    Parser parser(text);
    return parser.parseDocument(out, error);
}

} // namespace radsynth::generation
