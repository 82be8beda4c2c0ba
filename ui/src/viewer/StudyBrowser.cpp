#include "radsynth/ui/StudyBrowser.h"

#include "radsynth/ui/Overlay.h"
#include "radsynth/ui/ThumbnailProvider.h"
#include "radsynth/ui/Viewport.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace radsynth::ui {

OverlayInfo overlayInfo(const SeriesRef &ref, const dicom::Instance *instance)
{
    OverlayInfo info;
    info.patientName = Overlay::formatPersonName(QString::fromStdString(ref.patient->patientName));
    info.patientSex = QString::fromStdString(ref.patient->sex);
    info.studyDate = QString::fromStdString(ref.study->studyDate);
    info.studyDescription = QString::fromStdString(ref.study->description);
    info.seriesDescription = QString::fromStdString(ref.series->description);
    info.modality = QString::fromStdString(instance ? instance->modality : ref.series->modality);
    if (instance) {
        info.view = StudyBrowser::viewText(instance->view);
        info.laterality = QString::fromStdString(instance->imageLaterality);
    }
    return info;
}

namespace {
constexpr int kSeriesKeyRole = Qt::UserRole;
constexpr int kInstancePathRole = Qt::UserRole + 1;
constexpr int kInstanceTextRole = Qt::UserRole + 2;

// A tree whose series items drag their key into a viewport.
class SeriesTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {QString::fromLatin1(Viewport::kSeriesMimeType)}; }
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        for (QTreeWidgetItem *item : items) {
            const QString key = item->data(0, kSeriesKeyRole).toString();
            if (!key.isEmpty()) {
                auto *data = new QMimeData;
                data->setData(QString::fromLatin1(Viewport::kSeriesMimeType), key.toUtf8());
                return data;
            }
        }
        return nullptr;
    }
};

QString fromStd(const std::string &text) { return QString::fromStdString(text); }
} // namespace

std::vector<const dicom::Instance *> SeriesRef::images() const
{
    std::vector<const dicom::Instance *> result;
    if (!series)
        return result;
    for (const dicom::Instance &instance : series->instances)
        if (instance.kind == dicom::ObjectKind::Image && instance.error.empty())
            result.push_back(&instance);
    std::stable_sort(result.begin(), result.end(), [](const dicom::Instance *a, const dicom::Instance *b) { return a->instanceNumber < b->instanceNumber; });
    return result;
}

StudyBrowser::StudyBrowser(ThumbnailProvider *thumbnails, QWidget *parent)
    : QWidget(parent), m_thumbnails(thumbnails), m_tree(new SeriesTree(this)), m_filter(new QLineEdit(this))
{
    m_filter->setPlaceholderText(tr("Filter patients, studies, series"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("studyTree"));
    m_tree->setHeaderLabels({tr("Study"), tr("Images")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setIconSize(QSize(thumbnails->size(), thumbnails->size()));
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &StudyBrowser::applyFilter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString key = item->data(0, kSeriesKeyRole).toString();
        if (!key.isEmpty())
            Q_EMIT seriesActivated(key);
        else if (!item->data(0, kInstanceTextRole).toString().isEmpty())
            showInstanceText(item);
    });
    connect(thumbnails, &ThumbnailProvider::thumbnailReady, this, [this](const QString &key, const QImage &image) {
        if (image.isNull())
            return;
        for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
            if ((*it)->data(0, kSeriesKeyRole).toString() == key)
                (*it)->setIcon(0, QIcon(QPixmap::fromImage(image)));
    });
}

StudyBrowser::~StudyBrowser() = default;

QString StudyBrowser::viewText(const dicom::ViewInfo &view)
{
    QString kind;
    switch (view.view) {
    case dicom::View::Frontal: kind = tr("frontal"); break;
    case dicom::View::Lateral: kind = tr("lateral"); break;
    case dicom::View::Unknown: return tr("unknown");
    }
    return view.projection.empty() ? kind : QStringLiteral("%1 (%2)").arg(fromStd(view.projection), kind);
}

QStringList StudyBrowser::addCollection(std::shared_ptr<const dicom::StudyCollection> collection)
{
    QStringList keys;
    const int c = int(m_collections.size());
    m_collections.push_back(collection);
    for (size_t p = 0; p < collection->patients.size(); ++p) {
        const dicom::Patient &patient = collection->patients[p];
        QString patientText = Overlay::formatPersonName(fromStd(patient.patientName));
        if (patientText.isEmpty())
            patientText = tr("(no name)");
        if (!patient.patientId.empty())
            patientText += QStringLiteral("  [%1]").arg(fromStd(patient.patientId));
        auto *patientItem = new QTreeWidgetItem(m_tree, {patientText});
        patientItem->setFlags(patientItem->flags() & ~Qt::ItemIsDragEnabled);
        for (size_t s = 0; s < patient.studies.size(); ++s) {
            const dicom::Study &study = patient.studies[s];
            QString studyText = Overlay::formatDate(fromStd(study.studyDate));
            if (!study.description.empty())
                studyText += (studyText.isEmpty() ? QString() : QStringLiteral("  ")) + fromStd(study.description);
            if (studyText.isEmpty())
                studyText = tr("(study without date)");
            auto *studyItem = new QTreeWidgetItem(patientItem, {studyText});
            studyItem->setFlags(studyItem->flags() & ~Qt::ItemIsDragEnabled);
            for (size_t r = 0; r < study.series.size(); ++r) {
                const dicom::Series &series = study.series[r];
                const QString key = QStringLiteral("%1:%2:%3:%4").arg(c).arg(p).arg(s).arg(r);
                SeriesRef ref{&patient, &study, &series};
                const auto images = ref.images();
                QString seriesText = fromStd(series.modality);
                if (series.seriesNumber)
                    seriesText += QStringLiteral(" #%1").arg(series.seriesNumber);
                if (!series.description.empty())
                    seriesText += QStringLiteral("  ") + fromStd(series.description);
                if (!images.empty())
                    seriesText += QStringLiteral("\n") + viewText(images.front()->view);
                auto *seriesItem = new QTreeWidgetItem(studyItem, {seriesText, QString::number(images.size())});
                seriesItem->setToolTip(0, tr("Double-click or drag into a viewport"));
                if (!images.empty()) {
                    seriesItem->setData(0, kSeriesKeyRole, key);
                    seriesItem->setData(0, kInstancePathRole, fromStd(images.front()->path));
                    keys << key;
                    m_thumbnails->request(key, fromStd(images.front()->path));
                } else {
                    seriesItem->setFlags(seriesItem->flags() & ~Qt::ItemIsDragEnabled);
                }
                // Objects that are not images are listed (SR text readable on activation).
                for (const dicom::Instance &instance : series.instances) {
                    if (instance.kind == dicom::ObjectKind::Image && instance.error.empty())
                        continue;
                    QString text = fromStd(instance.kindDescription.empty() ? instance.sopClassUid : instance.kindDescription);
                    if (!instance.error.empty())
                        text += QStringLiteral(": ") + fromStd(instance.error);
                    auto *instanceItem = new QTreeWidgetItem(seriesItem, {text});
                    instanceItem->setFlags(instanceItem->flags() & ~Qt::ItemIsDragEnabled);
                    instanceItem->setData(0, kInstancePathRole, fromStd(instance.path));
                    if (!instance.srText.empty()) {
                        instanceItem->setData(0, kInstanceTextRole, fromStd(instance.srText));
                        instanceItem->setToolTip(0, tr("Double-click to read the report text"));
                    }
                }
            }
        }
        patientItem->setExpanded(true);
        for (int i = 0; i < patientItem->childCount(); ++i)
            patientItem->child(i)->setExpanded(true);
    }
    applyFilter(m_filter->text());
    return keys;
}

void StudyBrowser::clear()
{
    m_tree->clear();
    m_collections.clear();
}

SeriesRef StudyBrowser::series(const QString &key) const
{
    const QStringList parts = key.split(QLatin1Char(':'));
    if (parts.size() != 4)
        return {};
    bool ok[4];
    const size_t c = parts[0].toUInt(&ok[0]), p = parts[1].toUInt(&ok[1]), s = parts[2].toUInt(&ok[2]), r = parts[3].toUInt(&ok[3]);
    if (!(ok[0] && ok[1] && ok[2] && ok[3]) || c >= m_collections.size())
        return {};
    const dicom::StudyCollection &collection = *m_collections[c];
    if (p >= collection.patients.size() || s >= collection.patients[p].studies.size() || r >= collection.patients[p].studies[s].series.size())
        return {};
    const dicom::Patient &patient = collection.patients[p];
    return SeriesRef{&patient, &patient.studies[s], &patient.studies[s].series[r]};
}

QStringList StudyBrowser::imageSeriesKeys() const
{
    QStringList keys;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QString key = (*it)->data(0, kSeriesKeyRole).toString();
        if (!key.isEmpty())
            keys << key;
    }
    return keys;
}

int StudyBrowser::seriesCount() const { return imageSeriesKeys().size(); }

QString StudyBrowser::selectedInstancePath() const
{
    const QList<QTreeWidgetItem *> selected = m_tree->selectedItems();
    return selected.isEmpty() ? QString() : selected.first()->data(0, kInstancePathRole).toString();
}

QString StudyBrowser::selectedSeriesKey() const
{
    const QList<QTreeWidgetItem *> selected = m_tree->selectedItems();
    return selected.isEmpty() ? QString() : selected.first()->data(0, kSeriesKeyRole).toString();
}

void StudyBrowser::applyFilter(const QString &text)
{
    const QString needle = text.trimmed();
    // An item is shown when it or any ancestor or descendant matches.
    std::function<bool(QTreeWidgetItem *, bool)> visit = [&](QTreeWidgetItem *item, bool ancestorMatches) {
        const bool matches = ancestorMatches || needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive);
        bool childVisible = false;
        for (int i = 0; i < item->childCount(); ++i)
            childVisible = visit(item->child(i), matches) || childVisible;
        const bool visible = matches || childVisible;
        item->setHidden(!visible);
        return visible;
    };
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        visit(m_tree->topLevelItem(i), false);
}

void StudyBrowser::showInstanceText(QTreeWidgetItem *item)
{
    QDialog dialog(this);
    dialog.setWindowTitle(item->text(0));
    auto *text = new QPlainTextEdit(item->data(0, kInstanceTextRole).toString(), &dialog);
    text->setReadOnly(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog.resize(640, 480);
    dialog.exec();
}

} // namespace radsynth::ui
