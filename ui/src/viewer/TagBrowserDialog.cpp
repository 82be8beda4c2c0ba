#include "radsynth/ui/TagBrowserDialog.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/ui/BackgroundJob.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>
#include <vector>

namespace radsynth::ui {

using TagResult = Result<std::vector<dicom::TagRow>>;

TagBrowserDialog::TagBrowserDialog(workflow::JobScheduler *scheduler, QWidget *parent)
    : QDialog(parent), m_scheduler(scheduler), m_status(new QLabel(this)), m_search(new QLineEdit(this)), m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("DICOM tags"));
    m_search->setPlaceholderText(tr("Search tag, keyword or value"));
    m_search->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("tagTree"));
    m_tree->setHeaderLabels({tr("Tag"), tr("Keyword"), tr("VR"), tr("Value")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &TagBrowserDialog::applyFilter);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    resize(900, 650);
}

void TagBrowserDialog::loadFile(const QString &path)
{
    m_path = path;
    m_tree->clear();
    m_loading = true;
    m_status->setText(tr("Reading %1 ...").arg(QFileInfo(path).fileName()));
    const int generation = ++m_generation;
    runJob<TagResult>(
        m_scheduler, this, tr("DICOM tags of %1").arg(QFileInfo(path).fileName()), workflow::JobKind::Loading, workflow::Priority::High,
        [path](workflow::JobContext &) { return dicom::readTags(path.toStdString()); },
        [this, generation, path](const workflow::JobInfo &info, std::optional<TagResult> read) {
        if (generation != m_generation)
            return;
        m_loading = false;
        const TagResult result = read ? std::move(*read)
                                      : TagResult(info.state == workflow::JobState::Cancelled ? cancelledError() : makeError(info.error.toStdString()));
        if (!result.ok()) {
            m_status->setText(tr("Cannot read the tags of %1: %2").arg(QFileInfo(path).fileName(), QString::fromStdString(result.error().message)));
            Q_EMIT loaded();
            return;
        }
        std::vector<QTreeWidgetItem *> parents; // parents[depth] = last item at that depth
        for (const dicom::TagRow &row : result.value()) {
            const QStringList columns = {QString::fromStdString(row.tag), QString::fromStdString(row.keyword),
                                         QString::fromStdString(row.vr), QString::fromStdString(row.value)};
            QTreeWidgetItem *parent = row.depth > 0 && size_t(row.depth) <= parents.size() ? parents[size_t(row.depth) - 1] : nullptr;
            auto *item = parent ? new QTreeWidgetItem(parent, columns) : new QTreeWidgetItem(m_tree, columns);
            item->setToolTip(3, columns[3].left(2000));
            parents.resize(size_t(row.depth) + 1);
            parents[size_t(row.depth)] = item;
        }
        m_tree->expandAll();
        m_status->setText(tr("%1: %n attribute(s)", nullptr, int(result->size())).arg(QFileInfo(path).fileName()));
        applyFilter();
        Q_EMIT loaded();
    });
}

int TagBrowserDialog::rowCount() const
{
    int count = 0;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        ++count;
    return count;
}

int TagBrowserDialog::visibleRowCount() const
{
    int count = 0;
    for (QTreeWidgetItemIterator it(m_tree, QTreeWidgetItemIterator::NotHidden); *it; ++it)
        ++count;
    return count;
}

void TagBrowserDialog::setSearchText(const QString &text) { m_search->setText(text); }

void TagBrowserDialog::applyFilter()
{
    const QString needle = m_search->text().trimmed();
    std::function<bool(QTreeWidgetItem *)> visit = [&](QTreeWidgetItem *item) {
        bool matches = needle.isEmpty();
        for (int column = 0; column < 4 && !matches; ++column)
            matches = item->text(column).contains(needle, Qt::CaseInsensitive);
        bool childVisible = false;
        for (int i = 0; i < item->childCount(); ++i)
            childVisible = visit(item->child(i)) || childVisible;
        item->setHidden(!(matches || childVisible));
        return matches || childVisible;
    };
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        visit(m_tree->topLevelItem(i));
}

} // namespace radsynth::ui
