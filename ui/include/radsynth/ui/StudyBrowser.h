#pragma once
// The study browser: patient -> study -> series tree with thumbnails. Owns the loaded study
// collections; series are addressed by a key ("collection:patient:study:series") that is also the
// drag-and-drop payload into a viewport.
#include "radsynth/dicom/StudyModel.h"
#include "radsynth/ui/Overlay.h"

#include <QTreeWidget>
#include <QWidget>

#include <memory>
#include <vector>

class QLineEdit;

namespace radsynth::ui {

class ThumbnailProvider;

struct SeriesRef {
    const dicom::Patient *patient = nullptr;
    const dicom::Study *study = nullptr;
    const dicom::Series *series = nullptr;
    bool valid() const { return series != nullptr; }
    // Image instances in browsing order (non-image objects left out).
    std::vector<const dicom::Instance *> images() const;
};

// What a viewport's corners show for an image of the series (`instance` may be null: the series').
OverlayInfo overlayInfo(const SeriesRef &ref, const dicom::Instance *instance);

class StudyBrowser : public QWidget {
    Q_OBJECT
public:
    explicit StudyBrowser(ThumbnailProvider *thumbnails, QWidget *parent = nullptr);
    ~StudyBrowser() override;

    // Add a scanned collection; returns the keys of its series that hold images.
    QStringList addCollection(std::shared_ptr<const dicom::StudyCollection> collection);
    void clear();
    SeriesRef series(const QString &key) const;
    QStringList imageSeriesKeys() const;
    int seriesCount() const;
    QTreeWidget *tree() const { return m_tree; }
    // Path of the instance selected in the tree, or the first instance of the selected series.
    QString selectedInstancePath() const;
    QString selectedSeriesKey() const;

    static QString viewText(const dicom::ViewInfo &view);

Q_SIGNALS:
    void seriesActivated(const QString &key); // double-click or Enter

private:
    void applyFilter(const QString &text);
    void showInstanceText(QTreeWidgetItem *item);

    ThumbnailProvider *m_thumbnails;
    QTreeWidget *m_tree;
    QLineEdit *m_filter;
    std::vector<std::shared_ptr<const dicom::StudyCollection>> m_collections;
};

} // namespace radsynth::ui
