#pragma once
// Series thumbnails made off the GUI thread as loading jobs on the job scheduler (low priority, so
// they never starve opening a study; listed in the jobs panel, cancellable): decode the first
// frame, render it through the display pipeline, scale.
#include "radsynth/workflow/JobScheduler.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>

namespace radsynth::ui {

class ThumbnailProvider : public QObject {
    Q_OBJECT
public:
    ThumbnailProvider(workflow::JobScheduler *scheduler, int size = 96, QObject *parent = nullptr);

    // Ask for the thumbnail of `path` (frame 0); thumbnailReady(key, image) follows (a null image
    // when the file cannot be decoded or the job was cancelled; a cancelled one is made again when
    // asked again).
    void request(const QString &key, const QString &path);
    int pending() const { return m_pending; }
    int size() const { return m_size; }

    // Synchronous: the thumbnail image for a file (null image when it cannot be decoded).
    static QImage make(const QString &path, int size);

Q_SIGNALS:
    void thumbnailReady(const QString &key, const QImage &image);
    void idle();

private:
    workflow::JobScheduler *m_scheduler;
    QHash<QString, QImage> m_cache; // by path
    QSet<workflow::JobId> m_jobs;   // running
    int m_size;
    int m_pending = 0;
};

} // namespace radsynth::ui
