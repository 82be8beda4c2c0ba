#include "QueryRetrieveDialog.h"

#include "PacsNodesSettings.h"
#include "radsynth/ui/BackgroundJob.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace radsynth::ui {

namespace {

enum Column { PatientName, PatientId, StudyDate, Modalities, Accession, Description, SeriesCount, InstanceCount, ColumnCount };

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

// Displays DICOM PN "DOE^JANE" as "DOE, JANE".
QString personName(const std::string &value)
{
    QStringList parts = text(value).split(QLatin1Char('^'));
    while (!parts.isEmpty() && parts.last().isEmpty()) parts.removeLast();
    if (parts.size() <= 1) return parts.value(0);
    return parts.takeFirst() + QStringLiteral(", ") + parts.join(QLatin1Char(' '));
}

QString displayDate(const std::string &value)
{
    const QString date = text(value);
    if (date.size() != 8) return date;
    return date.left(4) + QLatin1Char('-') + date.mid(4, 2) + QLatin1Char('-') + date.right(2);
}

// A numeric cell that sorts as a number.
QTableWidgetItem *numberItem(int value)
{
    auto *item = new QTableWidgetItem;
    if (value >= 0) item->setData(Qt::DisplayRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

QueryRetrieveDialog::QueryRetrieveDialog(workflow::JobScheduler *scheduler, QWidget *parent)
    : QDialog(parent), m_settings(pacs::loadSettings()), m_shared(std::make_shared<SharedProgress>()), m_scheduler(scheduler)
{
    setWindowTitle(tr("Query/Retrieve"));
    m_node = new QComboBox(this);
    auto *nodes = new QPushButton(tr("Nodes..."), this);
    m_test = new QPushButton(tr("Test connection"), this);
    auto *nodeRow = new QHBoxLayout;
    nodeRow->addWidget(new QLabel(tr("PACS:"), this));
    nodeRow->addWidget(m_node, 1);
    nodeRow->addWidget(nodes);
    nodeRow->addWidget(m_test);

    m_patientName = new QLineEdit(this);
    m_patientName->setPlaceholderText(tr("e.g. DOE^J* (wildcards * and ?)"));
    m_patientId = new QLineEdit(this);
    auto *dateValidator = new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,8}")), this);
    m_dateFrom = new QLineEdit(this);
    m_dateFrom->setPlaceholderText(tr("YYYYMMDD"));
    m_dateFrom->setValidator(dateValidator);
    m_dateTo = new QLineEdit(this);
    m_dateTo->setPlaceholderText(tr("YYYYMMDD"));
    m_dateTo->setValidator(dateValidator);
    m_modality = new QComboBox(this);
    m_modality->setEditable(true);
    m_modality->addItems({QString(), QStringLiteral("CR"), QStringLiteral("DX"), QStringLiteral("SR"), QStringLiteral("CT"),
                          QStringLiteral("MR"), QStringLiteral("US"), QStringLiteral("OT")});
    m_accession = new QLineEdit(this);
    m_description = new QLineEdit(this);
    m_description->setPlaceholderText(tr("e.g. *CHEST*"));
    auto *fields = new QGridLayout;
    fields->addWidget(new QLabel(tr("Patient name:"), this), 0, 0);
    fields->addWidget(m_patientName, 0, 1);
    fields->addWidget(new QLabel(tr("Patient ID:"), this), 0, 2);
    fields->addWidget(m_patientId, 0, 3);
    fields->addWidget(new QLabel(tr("Study date from:"), this), 1, 0);
    fields->addWidget(m_dateFrom, 1, 1);
    fields->addWidget(new QLabel(tr("to:"), this), 1, 2);
    fields->addWidget(m_dateTo, 1, 3);
    fields->addWidget(new QLabel(tr("Modality:"), this), 2, 0);
    fields->addWidget(m_modality, 2, 1);
    fields->addWidget(new QLabel(tr("Accession number:"), this), 2, 2);
    fields->addWidget(m_accession, 2, 3);
    fields->addWidget(new QLabel(tr("Description:"), this), 3, 0);
    fields->addWidget(m_description, 3, 1, 1, 3);

    m_search = new QPushButton(tr("Search"), this);
    m_search->setDefault(true);
    m_results = new QTableWidget(0, ColumnCount, this);
    m_results->setHorizontalHeaderLabels({tr("Patient name"), tr("Patient ID"), tr("Study date"), tr("Modalities"),
                                          tr("Accession"), tr("Description"), tr("Series"), tr("Instances")});
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSortingEnabled(true);
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->verticalHeader()->hide();

    m_retrieve = new QPushButton(tr("Retrieve selected"), this);
    m_retrieve->setEnabled(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    auto *close = new QPushButton(tr("Close"), this);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_search);
    actions->addStretch();
    actions->addWidget(m_retrieve);
    actions->addWidget(m_cancel);
    actions->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(nodeRow);
    layout->addLayout(fields);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(actions);
    resize(900, 600);

    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, &QueryRetrieveDialog::updateProgress);
    connect(nodes, &QPushButton::clicked, this, &QueryRetrieveDialog::editNodes);
    connect(m_test, &QPushButton::clicked, this, &QueryRetrieveDialog::testConnection);
    connect(m_search, &QPushButton::clicked, this, &QueryRetrieveDialog::search);
    connect(m_retrieve, &QPushButton::clicked, this, &QueryRetrieveDialog::retrieveSelected);
    connect(m_cancel, &QPushButton::clicked, this, &QueryRetrieveDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_results, &QTableWidget::itemSelectionChanged, this,
            [this] { m_retrieve->setEnabled(!isBusy() && !m_results->selectedItems().isEmpty()); });

    reloadNodes();
}

QueryRetrieveDialog::~QueryRetrieveDialog()
{
    // Running work keeps its own copies and the shared state; it ends at the next check.
    if (m_job)
        m_scheduler->cancel(m_job);
}

namespace {
// Why a job gave no value: cancelled before it started, or an unexpected failure.
QString noValue(const workflow::JobInfo &info)
{
    return info.state == workflow::JobState::Cancelled ? QObject::tr("Cancelled.") : info.error;
}
} // namespace

void QueryRetrieveDialog::setPacsSettings(const pacs::PacsSettings &settings)
{
    m_settings = settings;
    reloadNodes();
}

void QueryRetrieveDialog::reloadNodes()
{
    const QString current = m_node->currentText();
    m_node->clear();
    for (const pacs::Node &node : m_settings.nodes) m_node->addItem(text(node.name));
    const int index = m_node->findText(current);
    if (index >= 0) m_node->setCurrentIndex(index);
    if (m_settings.nodes.empty()) m_status->setText(tr("No PACS node configured: add one with \"Nodes...\"."));
}

void QueryRetrieveDialog::editNodes()
{
    PacsNodesDialog dialog(this);
    dialog.editor()->setSettings(m_settings);
    if (dialog.exec() == QDialog::Accepted) {
        m_settings = dialog.editor()->settings();
        reloadNodes();
    }
}

bool QueryRetrieveDialog::currentNode(pacs::Node &node)
{
    const pacs::Node *found = m_settings.findNode(m_node->currentText().toStdString());
    if (!found) {
        m_status->setText(tr("Choose a PACS node first."));
        return false;
    }
    node = *found;
    return true;
}

bool QueryRetrieveDialog::isBusy() const
{
    return m_job != 0;
}

void QueryRetrieveDialog::setBusy(bool busy)
{
    m_search->setEnabled(!busy);
    m_test->setEnabled(!busy);
    m_node->setEnabled(!busy);
    m_retrieve->setEnabled(!busy && !m_results->selectedItems().isEmpty());
    m_cancel->setEnabled(busy);
}

void QueryRetrieveDialog::testConnection()
{
    pacs::Node node;
    if (isBusy() || !currentNode(node)) return;
    pacs::NetworkOptions options = m_settings.networkOptions();
    setBusy(true);
    m_status->setText(tr("Testing the connection to %1...").arg(text(node.name)));
    m_job = runJob<QString>(
        m_scheduler, this, tr("C-ECHO %1").arg(text(node.name)), workflow::JobKind::Loading, workflow::Priority::High,
        [node, options](workflow::JobContext &context) mutable {
            options.cancel = &context.cancelFlag();
            const Status status = pacs::echo(node, options);
            return status.ok() ? QString() : text(status.error().toString());
        },
        [this](const workflow::JobInfo &info, std::optional<QString> answer) {
            if (info.id != m_job)
                return;
            m_job = 0;
            const QString error = answer ? *answer : noValue(info);
            setBusy(false);
            m_status->setText(error.isEmpty() ? tr("Connection OK (C-ECHO answered).") : error);
            Q_EMIT connectionTested(error.isEmpty(), m_status->text());
        });
}

void QueryRetrieveDialog::search()
{
    pacs::Node node;
    if (isBusy() || !currentNode(node)) return;
    pacs::StudyQuery query;
    query.patientName = m_patientName->text().trimmed().toStdString();
    query.patientId = m_patientId->text().trimmed().toStdString();
    query.dateFrom = m_dateFrom->text().trimmed().toStdString();
    query.dateTo = m_dateTo->text().trimmed().toStdString();
    query.modality = m_modality->currentText().trimmed().toUpper().toStdString();
    query.accessionNumber = m_accession->text().trimmed().toStdString();
    query.description = m_description->text().trimmed().toStdString();
    pacs::NetworkOptions options = m_settings.networkOptions();
    setBusy(true);
    m_status->setText(tr("Searching %1...").arg(text(node.name)));
    m_job = runJob<FindOutcome>(
        m_scheduler, this, tr("C-FIND %1").arg(text(node.name)), workflow::JobKind::Loading, workflow::Priority::High,
        [node, query, options](workflow::JobContext &context) mutable {
            options.cancel = &context.cancelFlag();
            FindOutcome outcome;
            auto found = pacs::findStudies(node, query, options);
            if (found) outcome.studies = std::move(found).value();
            else outcome.error = text(found.error().toString());
            return outcome;
        },
        [this](const workflow::JobInfo &info, std::optional<FindOutcome> found) {
            if (info.id != m_job)
                return;
            m_job = 0;
            FindOutcome outcome = found ? std::move(*found) : FindOutcome{{}, noValue(info)};
            setBusy(false);
            if (outcome.error.isEmpty()) {
                showResults(outcome.studies);
                m_status->setText(tr("%n studies found.", nullptr, int(outcome.studies.size())));
            } else {
                m_status->setText(outcome.error);
            }
            Q_EMIT searchFinished(int(outcome.studies.size()), outcome.error);
        });
}

void QueryRetrieveDialog::showResults(const std::vector<pacs::StudyResult> &studies)
{
    m_results->setSortingEnabled(false);
    m_results->clearContents();
    m_results->setRowCount(int(studies.size()));
    for (int row = 0; row < int(studies.size()); ++row) {
        const pacs::StudyResult &s = studies[size_t(row)];
        auto *name = new QTableWidgetItem(personName(s.patientName));
        name->setData(Qt::UserRole, text(s.studyInstanceUid));
        m_results->setItem(row, PatientName, name);
        m_results->setItem(row, PatientId, new QTableWidgetItem(text(s.patientId)));
        m_results->setItem(row, StudyDate, new QTableWidgetItem(displayDate(s.studyDate)));
        m_results->setItem(row, Modalities, new QTableWidgetItem(text(s.modalities).replace(QLatin1Char('\\'), QLatin1Char(' '))));
        m_results->setItem(row, Accession, new QTableWidgetItem(text(s.accessionNumber)));
        m_results->setItem(row, Description, new QTableWidgetItem(text(s.description)));
        m_results->setItem(row, SeriesCount, numberItem(s.seriesCount));
        m_results->setItem(row, InstanceCount, numberItem(s.instanceCount));
    }
    m_results->setSortingEnabled(true);
    m_results->resizeColumnsToContents();
}

void QueryRetrieveDialog::retrieveSelected()
{
    pacs::Node node;
    if (isBusy() || !currentNode(node)) return;
    std::vector<std::string> studies;
    for (const QModelIndex &index : m_results->selectionModel()->selectedRows(PatientName))
        studies.push_back(index.data(Qt::UserRole).toString().toStdString());
    if (studies.empty()) return;
    m_shared = std::make_shared<SharedProgress>();
    m_shared->studies = int(studies.size());
    pacs::NetworkOptions options = m_settings.networkOptions();
    pacs::LocalStoreLocation location = m_location;
    auto shared = m_shared;
    setBusy(true);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_status->setText(tr("Retrieving %n studies with %1...", nullptr, int(studies.size())).arg(pacs::toString(node.retrieveMethod)));
    m_progressTimer->start();
    m_job = runJob<RetrieveOutcome>(
        m_scheduler, this, tr("Retrieve %n studies from %1", nullptr, int(studies.size())).arg(text(node.name)), workflow::JobKind::Loading,
        workflow::Priority::High,
        [node, studies, options, location, shared](workflow::JobContext &context) mutable {
        options.cancel = &context.cancelFlag();
        RetrieveOutcome outcome;
        for (size_t i = 0; i < studies.size() && !context.isCancelled(); ++i) {
            context.setProgress(qint64(i), qint64(studies.size()), QObject::tr("study %1 of %2").arg(i + 1).arg(studies.size()));
            {
                std::lock_guard<std::mutex> lock(shared->mutex);
                shared->study = int(i) + 1;
                shared->progress = {};
            }
            auto summary = pacs::retrieve(node, {studies[i], {}}, node.retrieveMethod, options, location,
                                          [shared](const pacs::Progress &progress) {
                                              std::lock_guard<std::mutex> lock(shared->mutex);
                                              shared->progress = progress;
                                          });
            if (!summary) {
                outcome.error = text(summary.error().toString());
                break;
            }
            for (const auto &file : summary->files) outcome.files << text(file);
            if (summary->failed > 0) {
                outcome.error = QObject::tr("%1 objects could not be retrieved.").arg(summary->failed);
                break;
            }
        }
        if (outcome.error.isEmpty() && context.isCancelled()) outcome.error = QObject::tr("Retrieval cancelled.");
        return outcome;
        },
        [this](const workflow::JobInfo &info, std::optional<RetrieveOutcome> retrieved) {
            if (info.id != m_job)
                return;
            m_job = 0;
            const RetrieveOutcome outcome = retrieved ? std::move(*retrieved) : RetrieveOutcome{{}, noValue(info)};
            m_progressTimer->stop();
            setBusy(false);
            m_progress->setVisible(false);
            m_status->setText(outcome.error.isEmpty() ? tr("Retrieved %n objects.", nullptr, int(outcome.files.size())) : outcome.error);
            Q_EMIT retrieveFinished(outcome.files, outcome.error);
        });
}

void QueryRetrieveDialog::updateProgress()
{
    pacs::Progress progress;
    int study = 0, studies = 0;
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        progress = m_shared->progress;
        study = m_shared->study;
        studies = m_shared->studies;
    }
    const int total = progress.remaining >= 0 ? progress.completed + progress.failed + progress.remaining : 0;
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(progress.completed + progress.failed);
    } else {
        m_progress->setRange(0, 0);
    }
    m_status->setText(tr("Study %1 of %2: %3 objects received, %4 failed.").arg(study).arg(studies).arg(progress.completed).arg(progress.failed));
}

void QueryRetrieveDialog::cancel()
{
    if (m_job)
        m_scheduler->cancel(m_job);
    m_status->setText(tr("Cancelling..."));
}

} // namespace radsynth::ui
