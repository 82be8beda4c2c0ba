#include "radsynth/ui/ThumbnailProvider.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/imaging/Image.h"

#include "radsynth/ui/BackgroundJob.h"

#include <QFileInfo>

namespace radsynth::ui {

ThumbnailProvider::ThumbnailProvider(workflow::JobScheduler *scheduler, int size, QObject *parent)
    : QObject(parent), m_scheduler(scheduler), m_size(size)
{
}

QImage ThumbnailProvider::make(const QString &path, int size)
{
    Result<imaging::Image> decoded = dicom::decodeFrame(path.toStdString(), 0);
    if (!decoded.ok() || decoded->empty())
        return QImage();
    const imaging::Image &image = decoded.value();
    QImage full;
    if (image.isColor()) {
        const std::vector<uint8_t> rgb = imaging::renderRgb8(image);
        full = QImage(rgb.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888).copy();
    } else {
        const std::vector<uint8_t> gray = imaging::renderGray8(image);
        full = QImage(gray.data(), image.width, image.height, image.width, QImage::Format_Grayscale8).copy();
    }
    return full.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

void ThumbnailProvider::request(const QString &key, const QString &path)
{
    const auto cached = m_cache.constFind(path);
    if (cached != m_cache.constEnd()) {
        Q_EMIT thumbnailReady(key, cached.value());
        return;
    }
    ++m_pending;
    const int size = m_size;
    m_jobs << runJob<QImage>(
        m_scheduler, this, tr("Thumbnail %1").arg(QFileInfo(path).fileName()), workflow::JobKind::Loading, workflow::Priority::Low,
        [path, size](workflow::JobContext &) { return make(path, size); },
        [this, key, path](const workflow::JobInfo &info, std::optional<QImage> image) {
            if (!m_jobs.remove(info.id))
                return; // a retry from the jobs panel after the thumbnail was answered
            if (info.state == workflow::JobState::Finished && image)
                m_cache.insert(path, *image);
            --m_pending;
            Q_EMIT thumbnailReady(key, image && info.state == workflow::JobState::Finished ? *image : QImage());
            if (m_pending == 0)
                Q_EMIT idle();
        });
}

} // namespace radsynth::ui
