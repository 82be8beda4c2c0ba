#include "radsynth/ui/ThumbnailProvider.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/imaging/Image.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace radsynth::ui {

ThumbnailProvider::ThumbnailProvider(int size, QObject *parent) : QObject(parent), m_size(size)
{
    m_pool.setMaxThreadCount(1);
}

ThumbnailProvider::~ThumbnailProvider() { m_pool.waitForDone(); }

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
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, key, path] {
        const QImage image = watcher->result();
        watcher->deleteLater();
        m_cache.insert(path, image);
        --m_pending;
        Q_EMIT thumbnailReady(key, image);
        if (m_pending == 0)
            Q_EMIT idle();
    });
    const int size = m_size;
    watcher->setFuture(QtConcurrent::run(&m_pool, [path, size] { return make(path, size); }));
}

} // namespace radsynth::ui
