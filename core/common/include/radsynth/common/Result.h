#pragma once
// Errors are values with a message a radiologist can act on (STYLE.md): every operation that
// can fail returns Result<T>; nothing fails silently and nothing throws across library borders.
// Standard library only: the model library (core/generation, which builds without Qt) carries the
// same Error in its Status/Outcome. Cancellation is a kind of error (ErrorKind::Cancelled), told by
// isCancelled(), never by the words of the message.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace radsynth {

enum class ErrorKind {
    Failed,    // the operation could not be done (the message says why)
    Cancelled, // the operation stopped because it was asked to
};

struct Error {
    std::string message; // one line, names the object and the reason
    std::string context; // optional: file path, component name...
    ErrorKind kind = ErrorKind::Failed;
    std::string toString() const { return context.empty() ? message : context + ": " + message; }
    bool isCancelled() const { return kind == ErrorKind::Cancelled; }
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
    bool isCancelled() const { return !ok() && error().isCancelled(); }

private:
    std::variant<T, Error> m_data;
};

struct Ok {};
using Status = Result<Ok>;
inline Status okStatus() { return Ok{}; }
inline Error makeError(std::string message, std::string context = {}) { return Error{std::move(message), std::move(context)}; }
// The error of an operation that was cancelled ("cancelled", or a message that says what stopped).
inline Error cancelledError(std::string context = {}, std::string message = "cancelled")
{
    return Error{std::move(message), std::move(context), ErrorKind::Cancelled};
}

} // namespace radsynth
