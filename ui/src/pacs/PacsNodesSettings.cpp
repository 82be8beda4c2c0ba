#include "PacsNodesSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace radsynth::ui {

namespace {
enum Column { Name, AeTitle, Host, Port, Method, ColumnCount };
}

PacsNodesSettings::PacsNodesSettings(QWidget *parent) : QWidget(parent)
{
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("AE title"), tr("Host"), tr("Port"), tr("Retrieve with")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *add = new QPushButton(tr("Add node"), this);
    auto *remove = new QPushButton(tr("Remove node"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addNode({tr("New PACS").toStdString(), "PACS", "localhost", 104, pacs::RetrieveMethod::Get});
        m_table->setCurrentCell(m_table->rowCount() - 1, Name);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0) m_table->removeRow(row);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();

    m_ourAeTitle = new QLineEdit(this);
    m_ourAeTitle->setMaxLength(16);
    m_storagePort = new QSpinBox(this);
    m_storagePort->setRange(1, 65535);
    m_timeout = new QSpinBox(this);
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    auto *form = new QFormLayout;
    form->addRow(tr("RadSynth AE title:"), m_ourAeTitle);
    form->addRow(tr("Storage port (C-MOVE destination):"), m_storagePort);
    form->addRow(tr("Network timeout:"), m_timeout);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addLayout(form);
    setSettings(pacs::loadSettings());
}

void PacsNodesSettings::addNode(const pacs::Node &node)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, Name, new QTableWidgetItem(QString::fromStdString(node.name)));
    m_table->setItem(row, AeTitle, new QTableWidgetItem(QString::fromStdString(node.aeTitle)));
    m_table->setItem(row, Host, new QTableWidgetItem(QString::fromStdString(node.host)));
    auto *port = new QSpinBox(m_table);
    port->setRange(1, 65535);
    port->setValue(node.port);
    m_table->setCellWidget(row, Port, port);
    auto *method = new QComboBox(m_table);
    method->addItem(tr("C-GET"), int(pacs::RetrieveMethod::Get));
    method->addItem(tr("C-MOVE"), int(pacs::RetrieveMethod::Move));
    method->setCurrentIndex(node.retrieveMethod == pacs::RetrieveMethod::Move ? 1 : 0);
    m_table->setCellWidget(row, Method, method);
}

void PacsNodesSettings::setSettings(const pacs::PacsSettings &settings)
{
    m_table->setRowCount(0);
    for (const pacs::Node &node : settings.nodes) addNode(node);
    m_ourAeTitle->setText(QString::fromStdString(settings.ourAeTitle));
    m_storagePort->setValue(settings.storagePort);
    m_timeout->setValue(settings.timeoutSeconds);
}

pacs::PacsSettings PacsNodesSettings::settings(QString *error) const
{
    pacs::PacsSettings settings;
    settings.ourAeTitle = m_ourAeTitle->text().trimmed().toStdString();
    settings.storagePort = m_storagePort->value();
    settings.timeoutSeconds = m_timeout->value();
    QString problem;
    if (Status ae = pacs::validateAeTitle(settings.ourAeTitle); !ae)
        problem = tr("RadSynth AE title: %1").arg(QString::fromStdString(ae.error().message));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto text = [&](int column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            return item ? item->text().trimmed().toStdString() : std::string();
        };
        pacs::Node node;
        node.name = text(Name);
        node.aeTitle = text(AeTitle);
        node.host = text(Host);
        if (auto *port = qobject_cast<QSpinBox *>(m_table->cellWidget(row, Port))) node.port = port->value();
        if (auto *method = qobject_cast<QComboBox *>(m_table->cellWidget(row, Method)))
            node.retrieveMethod = pacs::RetrieveMethod(method->currentData().toInt());
        if (problem.isEmpty()) {
            if (Status valid = pacs::validate(node); !valid) problem = QString::fromStdString(valid.error().message);
            else if (settings.findNode(node.name)) problem = tr("Two nodes are named \"%1\".").arg(QString::fromStdString(node.name));
        }
        settings.nodes.push_back(node);
    }
    if (error) *error = problem;
    return settings;
}

bool PacsNodesSettings::save(QString *error)
{
    QString problem;
    const pacs::PacsSettings current = settings(&problem);
    if (error) *error = problem;
    if (!problem.isEmpty()) return false;
    pacs::saveSettings(current);
    return true;
}

PacsNodesDialog::PacsNodesDialog(QWidget *parent) : QDialog(parent), m_editor(new PacsNodesSettings(this))
{
    setWindowTitle(tr("PACS nodes"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PacsNodesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PacsNodesDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor);
    layout->addWidget(buttons);
    resize(640, 420);
}

void PacsNodesDialog::accept()
{
    QString error;
    if (!m_editor->save(&error)) {
        QMessageBox::warning(this, tr("PACS nodes"), error);
        return;
    }
    QDialog::accept();
}

} // namespace radsynth::ui
