#pragma once
// The workstation's background work as jobs on the JobScheduler: loading a study, thumbnails, DICOM
// tags, PACS echo, query and retrieve. Each one is listed in the jobs panel with its progress, can
// be cancelled there (or by its own Cancel button) and never runs on the GUI thread.
#include "radsynth/workflow/JobScheduler.h"

#include <functional>
#include <memory>
#include <optional>

namespace radsynth::ui {

// Runs `work` as a job and hands its value to `ended` on `receiver`'s thread when the job ends:
// finished (a value), cancelled (a value when the work ran and stopped early, none when it never
// started) or failed (an exception: none). `work` polls context.isCancelled() or passes
// context.cancelFlag() on, and reports progress through the context.
template <typename T>
workflow::JobId runJob(workflow::JobScheduler *scheduler, QObject *receiver, const QString &title, workflow::JobKind kind,
                       workflow::Priority priority, std::function<T(workflow::JobContext &)> work,
                       std::function<void(const workflow::JobInfo &, std::optional<T>)> ended)
{
    auto value = std::make_shared<std::optional<T>>();
    auto job = std::make_shared<workflow::FunctionJob>(title, kind, [value, work = std::move(work)](workflow::JobContext &context) {
        *value = work(context);
        return okStatus();
    });
    return scheduler->submit(std::move(job), priority, receiver, [value, ended = std::move(ended)](const workflow::JobInfo &info) {
        std::optional<T> result = std::move(*value);
        value->reset();
        ended(info, std::move(result));
    });
}

} // namespace radsynth::ui
