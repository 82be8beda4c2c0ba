#pragma once
// Errors as values for the model library. It builds without Qt (a GPU machine may have only
// LibTorch), so it cannot link radsynth_common, but it carries the same value: a Status or an
// Outcome<T> holds a radsynth::Error (common/Result.h, standard library only), cancellation
// included (Status::cancelled(), isCancelled()), and converts to radsynth::Status / Result<T>
// for the libraries above it. Only the spelling of success differs (isOk(), Status::ok()).
#include "radsynth/common/Result.h"

#include <optional>
#include <string>
#include <utility>

namespace radsynth::generation {

class Status {
public:
    Status() = default;
    Status(radsynth::Error error) : m_error(std::move(error)) {}
    static Status ok() { return Status(); }
    static Status error(std::string message) { return Status(radsynth::makeError(std::move(message))); }
    static Status cancelled() { return Status(radsynth::cancelledError()); }
    bool isOk() const { return !m_error; }
    explicit operator bool() const { return isOk(); }
    bool isCancelled() const { return m_error && m_error->isCancelled(); }
    const std::string &message() const
    {
        static const std::string none;
        return m_error ? m_error->message : none;
    }
    // The error (an empty Failed one when there is none).
    radsynth::Error toError() const { return m_error.value_or(radsynth::Error{}); }
    operator radsynth::Status() const { return isOk() ? radsynth::okStatus() : radsynth::Status(*m_error); }

private:
    std::optional<radsynth::Error> m_error;
};

template <typename T>
class Outcome {
public:
    Outcome(T value) : m_value(std::move(value)) {}
    Outcome(Status status) : m_status(std::move(status)) {}
    Outcome(radsynth::Error error) : m_status(std::move(error)) {}
    static Outcome failure(std::string message) { return Outcome(Status::error(std::move(message))); }
    static Outcome cancelled() { return Outcome(Status::cancelled()); }
    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    bool isCancelled() const { return m_status.isCancelled(); }
    const std::string &message() const { return m_status.message(); }
    const Status &status() const { return m_status; }
    radsynth::Error toError() const { return m_status.toError(); }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    operator radsynth::Result<T>() && { return isOk() ? radsynth::Result<T>(std::move(*m_value)) : radsynth::Result<T>(toError()); }

private:
    std::optional<T> m_value;
    Status m_status;
};

} // namespace radsynth::generation
