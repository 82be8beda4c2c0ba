#pragma once
// exports::exportStudy as a job for the scheduler (kind Export): the workstation's Export... The
// result is readable once the scheduler reports the job finished. Here, not in core/export, so the
// exports do not depend on the workflow services.
#include "radsynth/export/StudyExport.h"
#include "radsynth/workflow/JobScheduler.h"

#include <QString>

#include <mutex>

namespace radsynth::ui {

class StudyExportJob : public workflow::Job {
public:
    explicit StudyExportJob(exports::StudyExportRequest request, QString title = {});
    QString title() const override { return m_title; }
    workflow::JobKind kind() const override { return workflow::JobKind::Export; }
    Status run(workflow::JobContext &context) override;
    const exports::StudyExportRequest &request() const { return m_request; }
    exports::StudyExportResult result() const;

private:
    exports::StudyExportRequest m_request;
    QString m_title;
    mutable std::mutex m_mutex;
    exports::StudyExportResult m_result;
};

} // namespace radsynth::ui
