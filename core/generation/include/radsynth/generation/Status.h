#pragma once
// Errors as values for the model library (standard library only: radsynth_common uses Qt, and this
// library must also build on a GPU machine where only LibTorch is installed).
#include <optional>
#include <string>
#include <utility>

namespace radsynth::generation {

class Status {
public:
    Status() = default;
    static Status ok() { return Status(); }
    static Status error(std::string message)
    {
        Status s;
        s.m_failed = true;
        s.m_message = std::move(message);
        return s;
    }
    bool isOk() const { return !m_failed; }
    explicit operator bool() const { return !m_failed; }
    const std::string &message() const { return m_message; }

private:
    bool m_failed = false;
    std::string m_message;
};

template <typename T>
class Outcome {
public:
    Outcome(T value) : m_value(std::move(value)) {}
    Outcome(Status status) : m_status(std::move(status)) {}
    static Outcome failure(std::string message) { return Outcome(Status::error(std::move(message))); }
    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const std::string &message() const { return m_status.message(); }
    const Status &status() const { return m_status; }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }

private:
    std::optional<T> m_value;
    Status m_status;
};

} // namespace radsynth::generation
