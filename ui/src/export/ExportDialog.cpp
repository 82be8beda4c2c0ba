#include "radsynth/ui/ExportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace radsynth::ui {

QCheckBox *makeSourceStudyChoice(QWidget *parent)
{
    auto *box = new QCheckBox(QObject::tr("File the DICOM objects in the source study (they carry the patient's name, ID and "
                                          "study, and reference the source image)"),
                              parent);
    box->setObjectName(QStringLiteral("sourceStudyChoice"));
    box->setToolTip(QObject::tr("Unchecked: a new synthetic patient and study, with nothing of the source's identity."));
    box->setChecked(false);
    return box;
}

namespace {
constexpr char kFolderKey[] = "export/folder";
constexpr char kFormatsKey[] = "export/formats";
} // namespace

ExportDialog::ExportDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Export generated results"));
    setObjectName(QStringLiteral("exportDialog"));
    auto *layout = new QVBoxLayout(this);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(new QLabel(tr("Folder:"), this));
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_folder->setMinimumWidth(360);
    folderRow->addWidget(m_folder, 1);
    auto *browse = new QPushButton(tr("Browse..."), this);
    folderRow->addWidget(browse);
    layout->addLayout(folderRow);

    auto *report = new QGroupBox(tr("Report"), this);
    auto *reportLayout = new QVBoxLayout(report);
    m_sr = new QCheckBox(tr("DICOM Structured Report (Basic Text SR)"), report);
    m_pdf = new QCheckBox(tr("PDF (report with the marked images)"), report);
    m_text = new QCheckBox(tr("Plain text"), report);
    for (QCheckBox *box : {m_sr, m_pdf, m_text})
        reportLayout->addWidget(box);
    layout->addWidget(report);

    auto *images = new QGroupBox(tr("Synthetic images"), this);
    auto *imageLayout = new QVBoxLayout(images);
    m_sc = new QCheckBox(tr("DICOM Secondary Capture"), images);
    m_png = new QCheckBox(tr("PNG with the burned-in SYNTHETIC mark"), images);
    for (QCheckBox *box : {m_sc, m_png})
        imageLayout->addWidget(box);
    layout->addWidget(images);
    m_attach = makeSourceStudyChoice(this);
    layout->addWidget(m_attach);

    auto *note = new QLabel(tr("Every synthetic image carries \"SYNTHETIC - not for diagnosis\" and its provenance burned into "
                               "the pixels; the PDF (on every page) and the text name the report's state."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color:#555;"));
    layout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_export->setDefault(true);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseFolder);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::updateButton);
    for (QCheckBox *box : {m_sr, m_pdf, m_text, m_sc, m_png, m_attach})
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateButton);

    setFolder(rememberedFolder());
    setFormats(rememberedFormats());
    setContent(QString(), true, workflow::ReportState::GeneratedDraft, 1, true);
}

void ExportDialog::setContent(const QString &studyLabel, bool hasReport, workflow::ReportState state, int imageCount, bool sourceIsDicom)
{
    const QString noReport = tr("There is no report for this study.");
    const QString noImage = tr("There is no synthetic image for this study.");
    for (QCheckBox *box : {m_sr, m_pdf, m_text}) {
        box->setEnabled(hasReport);
        box->setToolTip(hasReport ? QString() : noReport);
    }
    for (QCheckBox *box : {m_sc, m_png}) {
        box->setEnabled(imageCount > 0);
        box->setToolTip(imageCount > 0 ? QString() : noImage);
    }
    m_sourceIsDicom = sourceIsDicom;
    m_attach->setChecked(false);
    m_attach->setToolTip(sourceIsDicom ? tr("Unchecked: a new synthetic patient and study, with nothing of the source's identity.")
                                       : tr("The source is not DICOM: the objects go into a new synthetic study."));
    QString stateText;
    switch (state) {
    case workflow::ReportState::GeneratedDraft:
        stateText = tr("a generated draft (SR: PARTIAL, UNVERIFIED)");
        break;
    case workflow::ReportState::Edited:
        stateText = tr("edited, not signed (SR: PARTIAL, UNVERIFIED)");
        break;
    case workflow::ReportState::Signed:
        stateText = tr("signed (SR: COMPLETE, VERIFIED)");
        break;
    }
    QStringList lines;
    if (!studyLabel.isEmpty())
        lines << tr("Study: %1").arg(studyLabel.toHtmlEscaped());
    lines << (hasReport ? tr("Report: %1").arg(stateText) : noReport);
    lines << (imageCount > 0 ? (imageCount == 1 ? tr("1 synthetic image") : tr("%1 synthetic images").arg(imageCount)) : noImage);
    m_summary->setText(lines.join(QStringLiteral("<br/>")));
    updateButton();
}

bool ExportDialog::attachToSourceStudy() const { return m_attach->isEnabled() && m_attach->isChecked(); }

QString ExportDialog::folder() const { return m_folder->text().trimmed(); }

void ExportDialog::setFolder(const QString &folder) { m_folder->setText(QDir::toNativeSeparators(folder)); }

exports::ExportFormats ExportDialog::formats() const
{
    exports::ExportFormats formats = 0;
    for (exports::ExportFormat format : {exports::ExportFormat::ReportSr, exports::ExportFormat::ReportPdf, exports::ExportFormat::ReportText,
                                         exports::ExportFormat::ImageSc, exports::ExportFormat::ImagePng}) {
        QCheckBox *box = formatBox(format);
        if (box->isEnabled() && box->isChecked())
            formats |= unsigned(format);
    }
    return formats;
}

void ExportDialog::setFormats(exports::ExportFormats formats)
{
    for (exports::ExportFormat format : {exports::ExportFormat::ReportSr, exports::ExportFormat::ReportPdf, exports::ExportFormat::ReportText,
                                         exports::ExportFormat::ImageSc, exports::ExportFormat::ImagePng})
        formatBox(format)->setChecked(exports::has(formats, format));
}

QCheckBox *ExportDialog::formatBox(exports::ExportFormat format) const
{
    switch (format) {
    case exports::ExportFormat::ReportSr:
        return m_sr;
    case exports::ExportFormat::ReportPdf:
        return m_pdf;
    case exports::ExportFormat::ReportText:
        return m_text;
    case exports::ExportFormat::ImageSc:
        return m_sc;
    case exports::ExportFormat::ImagePng:
        return m_png;
    case exports::ExportFormat::None:
        break;
    }
    return nullptr;
}

QString ExportDialog::defaultFolder()
{
    QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (documents.isEmpty())
        documents = QDir::homePath();
    return QDir(documents).filePath(QStringLiteral("RadSynth exports"));
}

QString ExportDialog::rememberedFolder() { return QSettings().value(QLatin1String(kFolderKey), defaultFolder()).toString(); }

exports::ExportFormats ExportDialog::rememberedFormats()
{
    const QSettings settings;
    if (!settings.contains(QLatin1String(kFormatsKey)))
        return exports::kReportFormats | exports::kImageFormats;
    return exports::formatsFromNames(settings.value(QLatin1String(kFormatsKey)).toStringList());
}

void ExportDialog::accept()
{
    if (!m_export->isEnabled())
        return;
    QSettings settings;
    settings.setValue(QLatin1String(kFolderKey), QDir::fromNativeSeparators(folder()));
    // Remember every ticked box, also the ones without content this time.
    exports::ExportFormats ticked = 0;
    for (exports::ExportFormat format : {exports::ExportFormat::ReportSr, exports::ExportFormat::ReportPdf, exports::ExportFormat::ReportText,
                                         exports::ExportFormat::ImageSc, exports::ExportFormat::ImagePng})
        if (formatBox(format)->isChecked())
            ticked |= unsigned(format);
    settings.setValue(QLatin1String(kFormatsKey), exports::formatNames(ticked));
    QDialog::accept();
}

void ExportDialog::chooseFolder()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Export into folder"), folder().isEmpty() ? defaultFolder() : folder());
    if (!chosen.isEmpty())
        setFolder(chosen);
}

void ExportDialog::updateButton()
{
    const bool ok = !folder().isEmpty() && formats() != 0;
    // The choice matters only for DICOM objects made from a DICOM source.
    m_attach->setEnabled(m_sourceIsDicom && (formats() & exports::kDicomFormats) != 0);
    m_export->setEnabled(ok);
    m_export->setToolTip(ok ? QString() : folder().isEmpty() ? tr("Choose a folder.") : tr("Tick at least one format."));
}

} // namespace radsynth::ui
