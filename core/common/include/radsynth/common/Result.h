#pragma once
// Errors are values with a message a radiologist can act on (STYLE.md): every operation that
// can fail returns Result<T>; nothing fails silently and nothing throws across library borders.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace radsynth {

struct Error {
    std::string message; // one line, names the object and the reason
    std::string context; // optional: file path, component name...
    std::string toString() const { return context.empty() ? message : context + ": " + message; }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok {};
using Status = Result<Ok>;
inline Status okStatus() { return Ok{}; }
inline Error makeError(std::string message, std::string context = {}) { return Error{std::move(message), std::move(context)}; }

} // namespace radsynth
