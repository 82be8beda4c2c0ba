#pragma once
// A small JSON value with a reader and a writer (standard library only), for bundle manifests and
// training recipes. The reader never throws: malformed input gives an error message with the offset.
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace radsynth::generation {

// The body of a JSON string literal for `text` (quotes, backslashes and control characters
// escaped; no surrounding quotes). Json::dump writes strings with it.
std::string jsonEscape(const std::string &text);

class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    Json() = default;
    Json(bool value) : m_type(Type::Bool), m_bool(value) {}
    Json(double value) : m_type(Type::Number), m_number(value) {}
    Json(int value) : m_type(Type::Number), m_number(value) {}
    Json(long long value) : m_type(Type::Number), m_number(double(value)) {}
    Json(const char *value) : m_type(Type::String), m_string(value) {}
    Json(std::string value) : m_type(Type::String), m_string(std::move(value)) {}
    static Json array() { Json j; j.m_type = Type::Array; return j; }
    static Json object() { Json j; j.m_type = Type::Object; return j; }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isObject() const { return m_type == Type::Object; }
    bool isArray() const { return m_type == Type::Array; }
    bool isString() const { return m_type == Type::String; }
    bool isNumber() const { return m_type == Type::Number; }

    // Typed access with a fallback when the value has another type.
    bool toBool(bool fallback = false) const { return m_type == Type::Bool ? m_bool : fallback; }
    double toNumber(double fallback = 0) const { return m_type == Type::Number ? m_number : fallback; }
    // Integers: a fractional number is truncated; a number outside the type's range gives the
    // fallback (converting such a double is undefined behaviour: a manifest's 1e20 is not an int).
    int toInt(int fallback = 0) const;
    long long toInt64(long long fallback = 0) const;
    // A number with no fractional part within int's range (what a size or a count must be).
    bool isInt() const;
    std::string toString(const std::string &fallback = {}) const { return m_type == Type::String ? m_string : fallback; }

    // Arrays.
    size_t size() const { return m_type == Type::Array ? m_items.size() : (m_type == Type::Object ? m_members.size() : 0); }
    const Json &at(size_t index) const;
    void push(Json value);
    const std::vector<Json> &items() const { return m_items; }

    // Objects (member order is kept as inserted).
    bool contains(const std::string &key) const;
    const Json &operator[](const std::string &key) const; // null value when absent
    void set(const std::string &key, Json value);
    const std::vector<std::pair<std::string, Json>> &members() const { return m_members; }

    std::string dump(int indent = 2) const;
    // Parses text; on failure returns false and sets `error`.
    static bool parse(const std::string &text, Json &out, std::string *error);

private:
    void dumpTo(std::string &out, int indent, int depth) const;
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    std::string m_string;
    std::vector<Json> m_items;
    std::vector<std::pair<std::string, Json>> m_members;
};

} // namespace radsynth::generation
