#pragma once
// Series thumbnails made off the GUI thread (QtConcurrent on a one-thread pool, so thumbnails
// never starve loading): decode the first frame, render it through the display pipeline, scale.
#include <QHash>
#include <QImage>
#include <QObject>
#include <QString>
#include <QThreadPool>

namespace radsynth::ui {

class ThumbnailProvider : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailProvider(int size = 96, QObject *parent = nullptr);
    ~ThumbnailProvider() override;

    // Ask for the thumbnail of `path` (frame 0); thumbnailReady(key, image) follows.
    void request(const QString &key, const QString &path);
    int pending() const { return m_pending; }
    int size() const { return m_size; }

    // Synchronous: the thumbnail image for a file (null image when it cannot be decoded).
    static QImage make(const QString &path, int size);

Q_SIGNALS:
    void thumbnailReady(const QString &key, const QImage &image);
    void idle();

private:
    QThreadPool m_pool;
    QHash<QString, QImage> m_cache; // by path
    int m_size;
    int m_pending = 0;
};

} // namespace radsynth::ui
