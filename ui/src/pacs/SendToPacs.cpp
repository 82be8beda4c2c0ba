#include "radsynth/ui/SendToPacs.h"

#include "radsynth/common/Paths.h"
#include "radsynth/ui/ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace radsynth::ui {

namespace {

constexpr char kLastNodeKey[] = "pacs/lastSendNode";

QString stateToken(workflow::ReportState state)
{
    switch (state) {
    case workflow::ReportState::GeneratedDraft:
        return QStringLiteral("generated draft");
    case workflow::ReportState::Edited:
        return QStringLiteral("edited");
    case workflow::ReportState::Signed:
        return QStringLiteral("signed");
    }
    return {};
}

QString nodeAddress(const pacs::Node &node)
{
    return QStringLiteral("%1@%2:%3").arg(QString::fromStdString(node.aeTitle), QString::fromStdString(node.host)).arg(node.port);
}

} // namespace

// ---- SentLog ----

SentLog::SentLog(QString path) : m_path(path.isEmpty() ? defaultPath() : std::move(path)) {}

QString SentLog::defaultPath() { return paths::dataDirectory() + QStringLiteral("/pacs/sent.jsonl"); }

Status SentLog::append(const SentRecord &record) const
{
    QJsonObject line{
        {QStringLiteral("time"), record.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("node"), record.node},
        {QStringLiteral("aeTitle"), record.aeTitle},
        {QStringLiteral("host"), record.host},
        {QStringLiteral("port"), record.port},
        {QStringLiteral("reportState"), record.reportState},
        {QStringLiteral("sopInstanceUids"), QJsonArray::fromStringList(record.sopInstanceUids)},
        {QStringLiteral("sopClassUids"), QJsonArray::fromStringList(record.sopClassUids)},
        {QStringLiteral("sent"), record.sent},
        {QStringLiteral("failed"), record.failed},
        {QStringLiteral("result"), record.result},
        {QStringLiteral("message"), record.message},
    };
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return makeError("cannot create the folder of the sent log", m_path.toStdString());
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return makeError("cannot write the sent log: " + file.errorString().toStdString(), m_path.toStdString());
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(bytes) != bytes.size() || !file.flush())
        return makeError("cannot write the sent log: " + file.errorString().toStdString(), m_path.toStdString());
    return okStatus();
}

QList<SentRecord> SentLog::records() const
{
    QList<SentRecord> records;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return records;
    while (!file.atEnd()) {
        const QByteArray bytes = file.readLine().trimmed();
        if (bytes.isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(bytes);
        if (!document.isObject())
            continue;
        const QJsonObject o = document.object();
        SentRecord r;
        r.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        r.node = o.value(QStringLiteral("node")).toString();
        r.aeTitle = o.value(QStringLiteral("aeTitle")).toString();
        r.host = o.value(QStringLiteral("host")).toString();
        r.port = o.value(QStringLiteral("port")).toInt();
        r.reportState = o.value(QStringLiteral("reportState")).toString();
        for (const QJsonValue &uid : o.value(QStringLiteral("sopInstanceUids")).toArray())
            r.sopInstanceUids << uid.toString();
        for (const QJsonValue &uid : o.value(QStringLiteral("sopClassUids")).toArray())
            r.sopClassUids << uid.toString();
        r.sent = o.value(QStringLiteral("sent")).toInt();
        r.failed = o.value(QStringLiteral("failed")).toInt();
        r.result = o.value(QStringLiteral("result")).toString();
        r.message = o.value(QStringLiteral("message")).toString();
        records.prepend(r);
    }
    return records;
}

// ---- SendToPacsJob ----

SendToPacsJob::SendToPacsJob(exports::StudyExportRequest request, pacs::Node node, pacs::NetworkOptions options, QString logPath, QString title)
    : m_request(std::move(request)), m_node(std::move(node)), m_options(options), m_logPath(std::move(logPath)), m_title(std::move(title))
{
    m_request.formats = (m_request.hasReport ? unsigned(exports::ExportFormat::ReportSr) : 0u) |
                        (m_request.images.empty() ? 0u : unsigned(exports::ExportFormat::ImageSc));
}

Status SendToPacsJob::run(workflow::JobContext &context)
{
    QTemporaryDir temporary;
    if (!temporary.isValid())
        return makeError("cannot create a temporary folder for the objects to send: " + temporary.errorString().toStdString());
    m_request.directory = temporary.path();
    context.setProgress(0, 1, QStringLiteral("writing the DICOM objects"));
    auto exported = exports::exportStudy(m_request, {}, &context.cancelFlag());
    if (!exported)
        return exported.error(); // nothing left RadSynth: not a send attempt, not logged
    const std::vector<std::string> files = exported->dicomPaths();

    SentRecord record;
    record.node = QString::fromStdString(m_node.name);
    record.aeTitle = QString::fromStdString(m_node.aeTitle);
    record.host = QString::fromStdString(m_node.host);
    record.port = m_node.port;
    record.reportState = m_request.hasReport ? stateToken(m_request.report.state) : QString();
    for (const exports::ExportedObject &object : exported->objects)
        if (!object.sopInstanceUid.empty()) {
            record.sopInstanceUids << QString::fromStdString(object.sopInstanceUid);
            record.sopClassUids << QString::fromStdString(object.sopClassUid);
        }

    pacs::NetworkOptions options = m_options;
    options.cancel = &context.cancelFlag();
    const int total = int(files.size());
    context.setProgress(0, total, QStringLiteral("sending to %1").arg(nodeAddress(m_node)));
    auto stored = pacs::store(m_node, files, options, [&](const pacs::Progress &progress) {
        context.setProgress(progress.completed + progress.failed, total, QString::fromStdString(progress.message));
    });
    Status status = okStatus();
    if (!stored) {
        record.failed = total;
        record.result = QStringLiteral("failed");
        record.message = QString::fromStdString(stored.error().toString());
        status = stored.error();
    } else {
        record.sent = stored->sent;
        record.failed = stored->failed;
        record.result = stored->failed == 0 ? QStringLiteral("sent") : stored->sent > 0 ? QStringLiteral("partly sent") : QStringLiteral("failed");
        if (stored->failed > 0) {
            // The temporary paths mean nothing to the user: name the object kind instead.
            QString first = stored->failures.empty() ? QString() : QString::fromStdString(stored->failures.front());
            first = first.mid(first.lastIndexOf(QLatin1Char('/')) + 1);
            record.message = QStringLiteral("%1 of %2 objects were not stored by %3: %4").arg(stored->failed).arg(total).arg(nodeAddress(m_node), first);
            status = makeError(record.message.toStdString());
        }
    }
    record.time = QDateTime::currentDateTimeUtc();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_record = record;
    }
    const Status logged = SentLog(m_logPath).append(record);
    if (!logged && status)
        return makeError(QStringLiteral("%1 objects sent to %2, but the sent log could not be written: %3")
                             .arg(record.sent)
                             .arg(nodeAddress(m_node), QString::fromStdString(logged.error().toString()))
                             .toStdString());
    return status;
}

SentRecord SendToPacsJob::record() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_record;
}

// ---- SendToPacsDialog ----

SendToPacsDialog::SendToPacsDialog(const pacs::PacsSettings &settings, bool hasReport, workflow::ReportState state, int imageCount,
                                   QWidget *parent, bool sourceIsDicom)
    : QDialog(parent), m_settings(settings), m_hasReport(hasReport), m_state(state), m_imageCount(imageCount)
{
    setWindowTitle(tr("Send to PACS"));
    setObjectName(QStringLiteral("sendToPacsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_nodes = new QComboBox(this);
    const QString last = QSettings().value(QLatin1String(kLastNodeKey)).toString();
    for (const pacs::Node &node : m_settings.nodes) {
        const QString name = QString::fromStdString(node.name);
        m_nodes->addItem(QStringLiteral("%1 (%2)").arg(name, nodeAddress(node)), name);
        if (name == last)
            m_nodes->setCurrentIndex(m_nodes->count() - 1);
    }
    form->addRow(tr("PACS node:"), m_nodes);
    layout->addLayout(form);
    m_question = new QLabel(this);
    m_question->setWordWrap(true);
    layout->addWidget(m_question);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("background:#fff3cd; color:#664d03; border:1px solid #e0c36a; padding:4px;"));
    layout->addWidget(m_warning);
    m_attach = makeSourceStudyChoice(this);
    m_attach->setEnabled(sourceIsDicom);
    layout->addWidget(m_attach);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SendToPacsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SendToPacsDialog::reject);
    connect(m_nodes, &QComboBox::currentIndexChanged, this, &SendToPacsDialog::updateQuestion);
    updateQuestion();
}

bool SendToPacsDialog::attachToSourceStudy() const { return m_attach->isEnabled() && m_attach->isChecked(); }

const pacs::Node *SendToPacsDialog::selectedNode() const
{
    if (m_nodes->currentIndex() < 0)
        return nullptr;
    return m_settings.findNode(m_nodes->currentData().toString().toStdString());
}

QString SendToPacsDialog::question(const pacs::Node &node, bool hasReport, workflow::ReportState state, int imageCount)
{
    const QString target = tr("%1 (%2)").arg(QString::fromStdString(node.name), nodeAddress(node));
    const QString images = imageCount == 1 ? tr("1 synthetic image") : tr("%1 synthetic images").arg(imageCount);
    if (!hasReport)
        return tr("Send %1 to %2?").arg(images, target);
    const QString report = state == workflow::ReportState::Signed ? tr("the signed report") : tr("the UNSIGNED report");
    if (imageCount == 0)
        return tr("Send %1 to %2?").arg(report, target);
    return tr("Send %1 and %2 to %3?").arg(report, images, target);
}

void SendToPacsDialog::updateQuestion()
{
    const pacs::Node *node = selectedNode();
    m_send->setEnabled(node != nullptr && (m_hasReport || m_imageCount > 0));
    if (!node) {
        m_question->setText(tr("No PACS node is configured. Add one in File > Query/Retrieve... > Nodes."));
        m_warning->hide();
        return;
    }
    m_question->setText(question(*node, m_hasReport, m_state, m_imageCount));
    const bool unsigned_ = m_hasReport && m_state != workflow::ReportState::Signed;
    m_warning->setVisible(unsigned_);
    m_warning->setText(m_state == workflow::ReportState::GeneratedDraft
                           ? tr("The report is a generated draft that nobody has reviewed: it goes to the PACS marked PARTIAL / UNVERIFIED.")
                           : tr("The report is edited but not signed: it goes to the PACS marked PARTIAL / UNVERIFIED."));
}

void SendToPacsDialog::accept()
{
    if (!selectedNode())
        return;
    QSettings().setValue(QLatin1String(kLastNodeKey), m_nodes->currentData().toString());
    QDialog::accept();
}

// ---- SentHistoryDialog ----

SentHistoryDialog::SentHistoryDialog(const QString &logPath, QWidget *parent) : QDialog(parent), m_logPath(logPath)
{
    setWindowTitle(tr("Sent to PACS"));
    setObjectName(QStringLiteral("sentHistoryDialog"));
    resize(820, 420);
    auto *layout = new QVBoxLayout(this);
    m_list = new QTreeWidget(this);
    m_list->setHeaderLabels({tr("Time"), tr("Node"), tr("Objects"), tr("Report"), tr("Result")});
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);
    m_where = new QLabel(this);
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_where->setStyleSheet(QStringLiteral("color:#555;"));
    layout->addWidget(m_where);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *refresh = buttons->addButton(tr("Refresh"), QDialogButtonBox::ActionRole);
    connect(refresh, &QPushButton::clicked, this, &SentHistoryDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    reload();
}

void SentHistoryDialog::reload()
{
    m_list->clear();
    const QList<SentRecord> records = SentLog(m_logPath).records();
    for (const SentRecord &r : records) {
        const QString result = r.message.isEmpty() ? r.result : QStringLiteral("%1: %2").arg(r.result, r.message);
        auto *item = new QTreeWidgetItem(m_list, {r.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                                  QStringLiteral("%1 (%2@%3:%4)").arg(r.node, r.aeTitle, r.host).arg(r.port),
                                                  QString::number(r.sopInstanceUids.size()), r.reportState, result});
        item->setToolTip(4, result);
        for (int i = 0; i < r.sopInstanceUids.size(); ++i) {
            const QString kind = r.sopClassUids.value(i) == QLatin1String("1.2.840.10008.5.1.4.1.1.88.11") ? tr("Basic Text SR")
                                 : r.sopClassUids.value(i) == QLatin1String("1.2.840.10008.5.1.4.1.1.7") ? tr("Secondary Capture")
                                                                                                       : r.sopClassUids.value(i);
            new QTreeWidgetItem(item, {QString(), kind, r.sopInstanceUids[i]});
        }
    }
    for (int column = 0; column < 4; ++column)
        m_list->resizeColumnToContents(column);
    m_where->setText(records.isEmpty() ? tr("Nothing was sent yet. Log: %1").arg(QDir::toNativeSeparators(m_logPath))
                                       : tr("%1 sendings. Log: %2").arg(int(records.size())).arg(QDir::toNativeSeparators(m_logPath)));
}

} // namespace radsynth::ui
