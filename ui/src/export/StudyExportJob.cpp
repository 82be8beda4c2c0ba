#include "radsynth/ui/StudyExportJob.h"

#include <QDir>

namespace radsynth::ui {

StudyExportJob::StudyExportJob(exports::StudyExportRequest request, QString title)
    : m_request(std::move(request)), m_title(std::move(title))
{
    if (m_title.isEmpty())
        m_title = QStringLiteral("Export to %1").arg(QDir::toNativeSeparators(m_request.directory));
}

Status StudyExportJob::run(workflow::JobContext &context)
{
    auto exported = exports::exportStudy(
        m_request, [&context](int done, int total, const QString &detail) { context.setProgress(done, total, detail); }, &context.cancelFlag());
    if (!exported)
        return exported.error();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_result = std::move(exported).value();
    return okStatus();
}

exports::StudyExportResult StudyExportJob::result() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_result;
}

} // namespace radsynth::ui
