#include "radsynth/ui/AnyToAnyDialog.h"

#include "radsynth/generation/PriorStudy.h"

#include "radsynth/common/Paths.h"
#include "radsynth/export/SyntheticImage.h"
#include "radsynth/ui/OodWarning.h"
#include "radsynth/ui/report/FindingsHighlighter.h"
#include "radsynth/report/Composer.h"
#include "radsynth/report/Findings.h"
#include "radsynth/report/SentenceBank.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace radsynth::ui {

using generation::Task;
using generation::TaskSpec;
using generation::View;

namespace {
constexpr int kThumbnail = 150;
constexpr int kCompare = 230;

QColor heat(double t)
{
    t = std::clamp(t, 0.0, 1.0); // black -> red -> yellow -> white
    return QColor(int(255 * std::min(1.0, 3 * t)), int(255 * std::clamp(3 * t - 1, 0.0, 1.0)), int(255 * std::clamp(3 * t - 2, 0.0, 1.0)));
}

QString viewName(View view) { return view == View::Frontal ? AnyToAnyDialog::tr("Frontal") : AnyToAnyDialog::tr("Lateral"); }

// `real` resampled to `like`'s size (both 0..1 grey).
generation::ImageData resampled(const generation::ImageData &real, const generation::ImageData &like)
{
    const QImage scaled = AnyToAnyDialog::toQImage(real).scaled(like.width, like.height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                              .convertToFormat(QImage::Format_Grayscale8);
    generation::ImageData out;
    out.width = like.width;
    out.height = like.height;
    out.pixels.resize(size_t(out.width) * size_t(out.height));
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            out.pixels[size_t(y) * size_t(out.width) + size_t(x)] = scaled.constScanLine(y)[x] / 255.0f;
    return out;
}

QLabel *pictureLabel(QWidget *parent, int size)
{
    auto *label = new QLabel(parent);
    label->setFixedSize(size + 4, size + 4);
    label->setAlignment(Qt::AlignCenter);
    label->setStyleSheet(QStringLiteral("background:#111; color:#aaa;"));
    return label;
}
} // namespace

AnyToAnyDialog::AnyToAnyDialog(workflow::GenerationService *service, workflow::JobScheduler *scheduler, QWidget *parent)
    : QDialog(parent), m_service(service), m_scheduler(scheduler)
{
    setObjectName(QStringLiteral("anyToAnyDialog"));
    setWindowTitle(tr("Any-to-any generation"));
    setModal(false);
    auto *splitter = new QSplitter(Qt::Horizontal, this);

    // ---- left: what to generate ----
    auto *form = new QWidget(splitter);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 4, 0);

    auto *inputs = new QGroupBox(tr("Inputs"), form);
    auto *inputLayout = new QVBoxLayout(inputs);
    m_inFrontal = new QCheckBox(tr("The study's frontal view"), inputs);
    m_inLateral = new QCheckBox(tr("The study's lateral view"), inputs);
    m_inReport = new QCheckBox(tr("A report (typed, pasted or composed from findings)"), inputs);
    m_reportText = new QPlainTextEdit(inputs);
    m_reportText->setPlaceholderText(tr("Type or paste a report, or compose one from the findings below."));
    m_reportText->setMaximumHeight(90);
    m_findings = new QListWidget(inputs);
    m_findings->setObjectName(QStringLiteral("findingsChecklist"));
    for (report::Observation observation : report::allObservations()) {
        auto *item = new QListWidgetItem(report::observationTitle(observation), m_findings);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(Qt::UserRole, QString::fromLatin1(report::observationId(observation)));
    }
    m_findings->setMaximumHeight(150);
    auto *compose = new QPushButton(tr("Compose report from findings"), inputs);
    compose->setObjectName(QStringLiteral("composeReport"));
    inputLayout->addWidget(m_inFrontal);
    inputLayout->addWidget(m_inLateral);
    m_inputCheck = new OodStatusLabel(inputs); // out-of-distribution check of the two views
    inputLayout->addWidget(m_inputCheck);
    inputLayout->addWidget(m_inReport);
    inputLayout->addWidget(m_reportText);
    inputLayout->addWidget(new QLabel(tr("Findings (for teaching cases):"), inputs));
    inputLayout->addWidget(m_findings);
    inputLayout->addWidget(compose);
    formLayout->addWidget(inputs);

    auto *outputs = new QGroupBox(tr("Outputs"), form);
    auto *outputLayout = new QHBoxLayout(outputs);
    m_outFrontal = new QCheckBox(tr("Frontal"), outputs);
    m_outLateral = new QCheckBox(tr("Lateral"), outputs);
    m_outReport = new QCheckBox(tr("Report"), outputs);
    m_outLateral->setChecked(true);
    outputLayout->addWidget(m_outFrontal);
    outputLayout->addWidget(m_outLateral);
    outputLayout->addWidget(m_outReport);
    formLayout->addWidget(outputs);

    auto *sampling = new QGroupBox(tr("Sampling"), form);
    auto *samplingLayout = new QFormLayout(sampling);
    m_sampler = new QComboBox(sampling);
    m_sampler->addItem(tr("DPM-Solver++ 2M"), int(generation::Sampler::DpmSolver2M));
    m_sampler->addItem(tr("DDIM"), int(generation::Sampler::Ddim));
    m_steps = new QSpinBox(sampling);
    m_steps->setRange(1, 1000);
    m_steps->setValue(20);
    m_guidance = new QDoubleSpinBox(sampling);
    m_guidance->setRange(0.0, 20.0);
    m_guidance->setSingleStep(0.5);
    // 0 (the minimum) stands for the model's own recommendation for each task.
    m_guidance->setSpecialValueText(tr("Model's choice"));
    m_guidance->setToolTip(tr("Classifier-free guidance: higher follows the inputs more closely. "
                              "\"Model's choice\" uses the scale the model recommends for each task (chosen on validation data)."));
    m_guidance->setValue(0.0);
    m_seed = new QSpinBox(sampling);
    m_seed->setRange(0, 999999);
    m_seed->setValue(1);
    m_variants = new QSpinBox(sampling);
    m_variants->setRange(1, 8);
    m_variants->setValue(4);
    samplingLayout->addRow(tr("Sampler"), m_sampler);
    samplingLayout->addRow(tr("Steps"), m_steps);
    samplingLayout->addRow(tr("Guidance"), m_guidance);
    samplingLayout->addRow(tr("Seed"), m_seed);
    samplingLayout->addRow(tr("Variants"), m_variants);
    // The rest of the model request: DDIM's stochasticity, the report decoder's beam width and the
    // number of report drafts the finding classifiers weigh (0: the model's recommendation).
    m_eta = new QDoubleSpinBox(sampling);
    m_eta->setRange(0.0, 1.0);
    m_eta->setSingleStep(0.1);
    m_eta->setToolTip(tr("DDIM only: 0 is deterministic, 1 adds as much noise as ancestral sampling."));
    m_beam = new QSpinBox(sampling);
    m_beam->setRange(0, 16);
    m_beam->setSpecialValueText(tr("Model's choice"));
    m_beam->setToolTip(tr("Beam width of the report decoder (1: greedy)."));
    m_drafts = new QSpinBox(sampling);
    m_drafts->setRange(0, 64);
    m_drafts->setSpecialValueText(tr("Model's choice"));
    m_drafts->setToolTip(tr("Report drafts the finding classifiers weigh (1: one draft, unguided)."));
    samplingLayout->addRow(tr("DDIM eta"), m_eta);
    samplingLayout->addRow(tr("Beam width"), m_beam);
    samplingLayout->addRow(tr("Report drafts"), m_drafts);
    auto updateEta = [this] { m_eta->setEnabled(generation::Sampler(m_sampler->currentData().toInt()) == generation::Sampler::Ddim); };
    connect(m_sampler, &QComboBox::currentIndexChanged, this, updateEta);
    updateEta();
    formLayout->addWidget(sampling);

    m_plan = new QLabel(form);
    m_plan->setWordWrap(true);
    formLayout->addWidget(m_plan);
    m_message = new QLabel(form);
    m_message->setObjectName(QStringLiteral("anyToAnyMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    formLayout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    m_generate = new QPushButton(tr("Generate"), form);
    m_generate->setDefault(true);
    auto *modelCard = new QPushButton(tr("Model card..."), form);
    modelCard->setObjectName(QStringLiteral("modelCardButton"));
    buttons->addWidget(m_generate);
    buttons->addWidget(modelCard);
    formLayout->addLayout(buttons);
    formLayout->addStretch(1);

    auto *formScroll = new QScrollArea(splitter);
    formScroll->setWidgetResizable(true);
    formScroll->setWidget(form);
    formScroll->setMinimumWidth(330);

    // ---- right: results ----
    auto *results = new QWidget(splitter);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(4, 0, 0, 0);
    resultsLayout->addWidget(new QLabel(tr("<b>Variants</b> (one per seed)"), results));
    m_strip = new QListWidget(results);
    m_strip->setObjectName(QStringLiteral("variantStrip"));
    m_strip->setViewMode(QListView::IconMode);
    m_strip->setFlow(QListView::LeftToRight);
    m_strip->setWrapping(false);
    m_strip->setIconSize(QSize(kThumbnail, kThumbnail));
    m_strip->setFixedHeight(kThumbnail + 48);
    m_strip->setMovement(QListView::Static);
    resultsLayout->addWidget(m_strip);

    auto *grid = new QGridLayout;
    m_variationView = pictureLabel(results, kCompare);
    m_synthView = pictureLabel(results, kCompare);
    m_realView = pictureLabel(results, kCompare);
    m_differenceView = pictureLabel(results, kCompare);
    m_variationCaption = new QLabel(tr("Variation map"), results);
    m_synthCaption = new QLabel(tr("Synthesized"), results);
    auto *realCaption = new QLabel(tr("Real (acquired)"), results);
    m_differenceCaption = new QLabel(tr("Difference |synthesized - real|"), results);
    for (QLabel *caption : {m_variationCaption, m_synthCaption, realCaption, m_differenceCaption})
        caption->setWordWrap(true);
    grid->addWidget(m_variationCaption, 0, 0);
    grid->addWidget(m_synthCaption, 0, 1);
    grid->addWidget(realCaption, 0, 2);
    grid->addWidget(m_differenceCaption, 0, 3);
    grid->addWidget(m_variationView, 1, 0);
    grid->addWidget(m_synthView, 1, 1);
    grid->addWidget(m_realView, 1, 2);
    grid->addWidget(m_differenceView, 1, 3);
    resultsLayout->addLayout(grid);
    m_flicker = new QPushButton(tr("Flicker synthesized / real"), results);
    m_flicker->setObjectName(QStringLiteral("flickerButton"));
    m_flicker->setCheckable(true);
    m_flicker->setEnabled(false);
    resultsLayout->addWidget(m_flicker, 0, Qt::AlignLeft);
    resultsLayout->addWidget(new QLabel(tr("<b>Generated report</b> (SYNTHETIC - not for diagnosis)"), results));
    m_reportOut = new QPlainTextEdit(results);
    m_reportOut->setReadOnly(true);
    m_reportOut->setObjectName(QStringLiteral("generatedReport"));
    m_reportMarks = new FindingsHighlighter(m_reportOut->document()); // composed sentences, as in the report editor
    resultsLayout->addWidget(m_reportOut, 1);

    splitter->addWidget(formScroll);
    splitter->addWidget(results);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::hide);
    layout->addWidget(close);

    m_flickerTimer = new QTimer(this);
    m_flickerTimer->setInterval(500);
    connect(m_flickerTimer, &QTimer::timeout, this, [this] {
        m_flickerReal = !m_flickerReal;
        showComparison();
    });
    connect(m_flicker, &QPushButton::toggled, this, [this](bool on) {
        m_flickerReal = false;
        if (on)
            m_flickerTimer->start();
        else
            m_flickerTimer->stop();
        showComparison();
    });

    for (QCheckBox *box : {m_inFrontal, m_inLateral, m_inReport, m_outFrontal, m_outLateral, m_outReport})
        connect(box, &QCheckBox::toggled, this, &AnyToAnyDialog::updatePlan);
    connect(m_reportText, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_reportText->toPlainText().trimmed().isEmpty() && !m_inReport->isChecked())
            m_inReport->setChecked(true);
        updatePlan();
    });
    connect(compose, &QPushButton::clicked, this, [this] { m_reportText->setPlainText(composeFromFindings()); });
    connect(m_generate, &QPushButton::clicked, this, [this] { generate(); });
    connect(modelCard, &QPushButton::clicked, this, &AnyToAnyDialog::showModelCard);
    connect(m_scheduler, &workflow::JobScheduler::jobFinished, this, &AnyToAnyDialog::onJobEnded);
    connect(m_scheduler, &workflow::JobScheduler::jobCancelled, this, &AnyToAnyDialog::onJobEnded);
    connect(m_scheduler, &workflow::JobScheduler::jobFailed, this, [this](workflow::JobId id, const QString &message) {
        if (m_jobs.contains(id))
            m_message->setText(m_message->text() + tr("Failed: %1").arg(message) + QLatin1Char('\n'));
        onJobEnded(id);
    });
    resize(1320, 820);
    setStudy({}, {}, {});
}

void AnyToAnyDialog::setStudy(const QString &studyKey, const QString &frontalPath, const QString &lateralPath)
{
    m_studyKey = studyKey;
    m_frontalPath = frontalPath;
    m_lateralPath = lateralPath;
    m_inFrontal->setEnabled(!frontalPath.isEmpty());
    m_inLateral->setEnabled(!lateralPath.isEmpty());
    m_inFrontal->setChecked(!frontalPath.isEmpty());
    m_inLateral->setChecked(false);
    m_inFrontal->setText(frontalPath.isEmpty() ? tr("The study's frontal view (none open)") : tr("The study's frontal view"));
    m_inLateral->setText(lateralPath.isEmpty() ? tr("The study's lateral view (the study has none)") : tr("The study's lateral view"));
    updatePlan();
    checkInputs();
}

void AnyToAnyDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    checkInputs();
}

void AnyToAnyDialog::checkInputs()
{
    if (!m_service || !m_inputCheck)
        return;
    workflow::OodCheck *check = m_service->oodCheck();
    if (!check->calibrated()) {
        m_checkedFor.clear();
        m_inputCheck->setUnavailable(workflow::OodCheck::unavailableText());
        return;
    }
    QList<workflow::OodInput> inputs;
    if (!m_frontalPath.isEmpty())
        inputs << workflow::OodInput{tr("frontal"), m_frontalPath};
    if (!m_lateralPath.isEmpty())
        inputs << workflow::OodInput{tr("lateral"), m_lateralPath};
    const QString key = check->bundleDirectory() + QLatin1Char('|') + m_frontalPath + QLatin1Char('|') + m_lateralPath;
    if (inputs.isEmpty()) {
        m_checkedFor.clear();
        m_inputCheck->clearStatus();
        return;
    }
    if (key == m_checkedFor || !isVisible())
        return; // shown already, or checked when the panel opens (scoring runs the model)
    m_checkedFor = key;
    m_inputCheck->setChecking();
    m_scheduler->submit(check->makeJob(inputs,
                                       [this, key](const QList<workflow::OodResult> &results) {
                                           QMetaObject::invokeMethod(
                                               this,
                                               [this, key, results] {
                                                   if (key != m_checkedFor)
                                                       return; // another study or bundle meanwhile
                                                   m_inputCheck->setResults(results);
                                                   Q_EMIT inputsChecked();
                                               },
                                               Qt::QueuedConnection);
                                       }),
                        workflow::Priority::High);
}

QList<Task> AnyToAnyDialog::plannedTasks(QString *why) const
{
    workflow::Modalities inputs, outputs;
    inputs.frontal = m_inFrontal->isChecked() && m_inFrontal->isEnabled();
    inputs.lateral = m_inLateral->isChecked() && m_inLateral->isEnabled();
    inputs.report = m_inReport->isChecked() && !m_reportText->toPlainText().trimmed().isEmpty();
    outputs.frontal = m_outFrontal->isChecked();
    outputs.lateral = m_outLateral->isChecked();
    outputs.report = m_outReport->isChecked();
    const workflow::TaskPlan plan = workflow::planTasks(inputs, outputs); // the service plans, the panel words it
    QStringList problems;
    for (const workflow::TaskPlan::Issue &issue : plan.issues) {
        const QString name = issue.output == workflow::Modality::Frontal   ? tr("frontal")
                             : issue.output == workflow::Modality::Lateral ? tr("lateral")
                                                                            : tr("report");
        switch (issue.problem) {
        case workflow::TaskPlan::Problem::OutputIsInput:
            problems << tr("the %1 is an input; it cannot also be generated").arg(name);
            break;
        case workflow::TaskPlan::Problem::NoTask:
            problems << tr("no task makes a %1 from these inputs").arg(name);
            break;
        case workflow::TaskPlan::Problem::NoOutput:
            problems << tr("choose at least one output");
            break;
        }
    }
    if (why)
        *why = problems.join(QStringLiteral("; "));
    return plan.tasks;
}

void AnyToAnyDialog::updatePlan()
{
    QString why;
    const QList<Task> tasks = plannedTasks(&why);
    QStringList names;
    for (Task task : tasks)
        names << QString::fromLatin1(generation::toString(task));
    QString text = names.isEmpty() ? QString() : tr("Will run: %1").arg(names.join(QStringLiteral(", ")));
    if (!why.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral("<br>")) + QStringLiteral("<span style='color:#b00020'>%1</span>").arg(why.toHtmlEscaped());
    m_plan->setText(text);
    m_generate->setEnabled(!tasks.isEmpty());
}

QList<workflow::JobId> AnyToAnyDialog::generate()
{
    QString why;
    const QList<Task> tasks = plannedTasks(&why);
    if (tasks.isEmpty()) {
        m_message->setText(why);
        return {};
    }
    for (workflow::JobId id : std::as_const(m_jobs))
        m_scheduler->cancel(id);
    m_jobs.clear();
    m_ended.clear();
    m_results.clear();
    m_variationMap = m_difference = m_synthForComparison = m_realForComparison = QImage();
    m_maxVariation = m_meanDifference = 0.0;
    m_flicker->setChecked(false);
    m_reportOut->clear();
    m_message->clear();
    refreshResults();

    workflow::GenerationInputs inputs;
    inputs.studyKey = m_studyKey;
    if (m_inFrontal->isChecked() && m_inFrontal->isEnabled())
        inputs.frontalPath = m_frontalPath;
    if (m_inLateral->isChecked() && m_inLateral->isEnabled())
        inputs.lateralPath = m_lateralPath;
    if (m_inReport->isChecked())
        inputs.report = m_reportText->toPlainText().trimmed();
    for (Task task : tasks) {
        workflow::GenerationSettings settings;
        settings.task = task;
        settings.sampler = generation::Sampler(m_sampler->currentData().toInt());
        settings.steps = m_steps->value();
        settings.guidance = m_guidance->value() > 0 ? m_guidance->value() : generation::kModelGuidance;
        settings.seed = uint64_t(m_seed->value());
        settings.variants = generation::taskSpec(task).makesReport ? 1 : m_variants->value();
        settings.eta = m_eta->isEnabled() ? m_eta->value() : 0.0;
        settings.beamWidth = m_beam->value();
        settings.reportCandidates = m_drafts->value();
        // The real view the synthesized one is compared with, when the study has it.
        const TaskSpec spec = generation::taskSpec(task);
        const QString realPath = spec.makesLateral ? m_lateralPath : spec.makesFrontal ? m_frontalPath : QString();
        const workflow::JobId id = m_scheduler->submit(
            m_service->makeJob(inputs, settings, [this, realPath](const generation::Generation &result) {
                // Worker thread: read the real view here, so the GUI thread never decodes.
                std::optional<generation::ImageData> real;
                if (!realPath.isEmpty() && !result.images.empty()) {
                    // Prepared as the model's training images were, at the synthesized image's size.
                    auto loaded = workflow::GenerationService::loadInput(realPath, result.images.front().image.width);
                    if (loaded.ok())
                        real = std::move(loaded.value());
                }
                QMetaObject::invokeMethod(this, [this, result, real] { addResult(result, real); }, Qt::QueuedConnection);
            }),
            workflow::Priority::High);
        m_jobs << id;
    }
    m_message->setText(tr("Generating (%n job(s); progress in the Jobs panel)...", nullptr, int(m_jobs.size())) + QLatin1Char('\n'));
    return m_jobs;
}

void AnyToAnyDialog::onJobEnded(workflow::JobId id)
{
    if (!m_jobs.contains(id))
        return;
    // Count the end signals themselves: a job's result is queued before its end signal, so when
    // every job's signal has arrived every result has too (asking the scheduler for states could
    // run ahead of a result still in the queue).
    m_ended.insert(id);
    for (workflow::JobId job : std::as_const(m_jobs))
        if (!m_ended.contains(job))
            return;
    QString text = m_message->text();
    text.remove(tr("Generating (%n job(s); progress in the Jobs panel)...", nullptr, int(m_jobs.size())) + QLatin1Char('\n'));
    m_message->setText(text + tr("Done: %n image(s).", nullptr, int(m_results.size())));
    Q_EMIT resultsReady();
}

void AnyToAnyDialog::addResult(const generation::Generation &result, const std::optional<generation::ImageData> &real)
{
    if (!result.report.empty()) {
        const QString text = QString::fromStdString(result.report);
        m_reportOut->setPlainText(text);
        // The sentences the model composed word by word, underlined as in the report editor.
        const auto composed = FindingsHighlighter::spansOf(text, m_service->composedSentences(result));
        m_reportMarks->setComposedSpans(composed);
        // And those that speak of an earlier study, which the model never saw.
        QStringList earlier;
        for (const std::string &sentence : generation::earlierStudySentenceTexts(result.report))
            earlier << QString::fromStdString(sentence);
        const auto earlierSpans = FindingsHighlighter::spansOf(text, earlier);
        m_reportMarks->setEarlierStudySpans(earlierSpans);
        QStringList tips;
        if (!composed.empty())
            tips << tr("Dashed underline: a sentence the model composed word by word (no report it learnt from holds it). Read it with care.");
        if (!earlierSpans.empty())
            tips << tr("Wavy underline: a sentence that speaks of an earlier study; the model saw none.");
        m_reportOut->setToolTip(tips.join(QLatin1Char('\n')));
    }
    // The provenance the export writes for these images, burned into their previews with the same mark.
    const report::ReportProvenance provenance = m_service->provenance(result);
    for (const generation::GeneratedImage &image : result.images)
        m_results.push_back({image.view, image.variant, result.seed + uint64_t(image.variant), image.image, provenance});
    if (real && !result.images.empty()) {
        const generation::GeneratedImage &first = result.images.front();
        m_comparedView = first.view;
        const generation::ImageData realScaled = resampled(*real, first.image);
        m_synthForComparison = toQImage(first.image);
        m_synthProvenance = provenance;
        m_realForComparison = toQImage(realScaled);
        QImage difference(first.image.width, first.image.height, QImage::Format_RGB32);
        double sum = 0.0;
        for (int y = 0; y < difference.height(); ++y)
            for (int x = 0; x < difference.width(); ++x) {
                const size_t i = size_t(y) * size_t(difference.width()) + size_t(x);
                const double d = std::abs(double(first.image.pixels[i]) - double(realScaled.pixels[i]));
                sum += d;
                difference.setPixelColor(x, y, heat(d / 0.5)); // full scale: half the grey range
            }
        m_difference = difference;
        m_meanDifference = sum / double(first.image.pixels.size());
    }
    refreshResults();
}

void AnyToAnyDialog::refreshResults()
{
    m_strip->clear();
    for (const Result &result : m_results) {
        auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(markedSynthetic(toQImage(result.image), kThumbnail, result.provenance))),
                                         tr("%1, seed %2").arg(viewName(result.view)).arg(result.seed), m_strip);
        item->setToolTip(tr("Synthetic %1 view, variant %2 (seed %3)").arg(viewName(result.view)).arg(result.variant + 1).arg(result.seed));
    }
    // Variation: per-pixel standard deviation over the variants of the first view with several.
    m_variationMap = QImage();
    m_maxVariation = 0.0;
    for (View view : {View::Lateral, View::Frontal}) {
        std::vector<const generation::ImageData *> images;
        for (const Result &result : m_results)
            if (result.view == view && (images.empty() || (result.image.width == images.front()->width && result.image.height == images.front()->height)))
                images.push_back(&result.image);
        if (images.size() < 2)
            continue;
        const int w = images.front()->width, h = images.front()->height;
        std::vector<double> deviation(size_t(w) * size_t(h));
        for (size_t i = 0; i < deviation.size(); ++i) {
            double sum = 0, squares = 0;
            for (const generation::ImageData *image : images) {
                sum += image->pixels[i];
                squares += double(image->pixels[i]) * image->pixels[i];
            }
            const double mean = sum / double(images.size());
            deviation[i] = std::sqrt(std::max(0.0, squares / double(images.size()) - mean * mean));
            m_maxVariation = std::max(m_maxVariation, deviation[i]);
        }
        m_variationMap = QImage(w, h, QImage::Format_RGB32);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                m_variationMap.setPixelColor(x, y, heat(m_maxVariation > 0 ? deviation[size_t(y) * size_t(w) + size_t(x)] / m_maxVariation : 0.0));
        m_variationCaption->setText(tr("Variation map: std over %1 %2 variants (white = %3)")
                                        .arg(images.size()).arg(viewName(view).toLower()).arg(m_maxVariation, 0, 'f', 3));
        break;
    }
    if (m_variationMap.isNull()) {
        m_variationView->setPixmap(QPixmap());
        m_variationView->setText(tr("Needs 2+ variants"));
        m_variationCaption->setText(tr("Variation map"));
    } else {
        m_variationView->setPixmap(QPixmap::fromImage(m_variationMap.scaled(kCompare, kCompare, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    }
    showComparison();
}

void AnyToAnyDialog::showComparison()
{
    const bool comparison = hasComparison();
    m_flicker->setEnabled(comparison);
    if (m_synthForComparison.isNull() && !m_results.empty()) {
        m_synthForComparison = toQImage(m_results.front().image);
        m_synthProvenance = m_results.front().provenance;
    }
    if (m_synthForComparison.isNull()) {
        m_synthView->setPixmap(QPixmap());
        m_synthView->setText(tr("Nothing generated yet"));
    } else if (m_flickerReal && comparison) {
        m_synthView->setPixmap(QPixmap::fromImage(m_realForComparison.scaled(kCompare, kCompare, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        m_synthCaption->setText(tr("Flicker: REAL (acquired)"));
    } else {
        m_synthView->setPixmap(QPixmap::fromImage(markedSynthetic(m_synthForComparison, kCompare, m_synthProvenance)));
        m_synthCaption->setText(m_flicker->isChecked() ? tr("Flicker: SYNTHESIZED") : tr("Synthesized"));
    }
    if (comparison) {
        m_realView->setPixmap(QPixmap::fromImage(m_realForComparison.scaled(kCompare, kCompare, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        m_differenceView->setPixmap(QPixmap::fromImage(m_difference.scaled(kCompare, kCompare, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        m_differenceCaption->setText(tr("Difference |synthesized - real| (mean %1; white = 0.5)").arg(m_meanDifference, 0, 'f', 3));
    } else {
        m_realView->setPixmap(QPixmap());
        m_realView->setText(tr("The study has no real\n%1 view to compare").arg(viewName(m_comparedView).toLower()));
        m_differenceView->setPixmap(QPixmap());
        m_differenceView->setText(tr("No comparison"));
        m_differenceCaption->setText(tr("Difference |synthesized - real|"));
    }
}

QImage AnyToAnyDialog::toQImage(const generation::ImageData &data)
{
    QImage image(data.width, data.height, QImage::Format_Grayscale8);
    for (int y = 0; y < data.height; ++y) {
        uchar *row = image.scanLine(y);
        for (int x = 0; x < data.width; ++x)
            row[x] = uchar(std::lround(std::clamp(data.pixels[size_t(y) * size_t(data.width) + size_t(x)], 0.0f, 1.0f) * 255.0f));
    }
    return image;
}

QImage AnyToAnyDialog::markedSynthetic(const QImage &picture, int size, const report::ReportProvenance &provenance)
{
    return exports::withSyntheticMarks(picture.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation), provenance);
}

QString AnyToAnyDialog::sentenceBankPath() { return paths::dataDirectory() + QStringLiteral("/sentence-bank.json"); }

QString AnyToAnyDialog::composeFromFindings()
{
    report::FindingSet findings;
    for (int row = 0; row < m_findings->count(); ++row) {
        const QListWidgetItem *item = m_findings->item(row);
        if (item->checkState() != Qt::Checked)
            continue;
        if (auto observation = report::observationFromId(item->data(Qt::UserRole).toString()))
            findings.push_back({*observation, report::Status::Positive, report::Side::Unspecified, report::Severity::Unspecified});
    }
    if (QFileInfo::exists(sentenceBankPath())) {
        auto bank = report::SentenceBank::load(sentenceBankPath());
        if (bank.ok()) {
            auto composed = report::Composer(*bank).compose(findings, uint64_t(m_seed->value()));
            if (composed.ok()) {
                m_message->setText(tr("Report composed from real report sentences (sentence bank)."));
                return composed->document.toPlainText();
            }
        }
    }
    // Without the bank (radsynth-cli sentence-bank): one plain statement per finding.
    QStringList sentences;
    for (const report::Finding &finding : findings)
        if (finding.observation != report::Observation::NoFinding)
            sentences << tr("%1 is present.").arg(report::observationTitle(finding.observation));
    m_message->setText(tr("No sentence bank in %1: the report lists the findings plainly.").arg(sentenceBankPath()));
    if (sentences.isEmpty())
        return tr("FINDINGS: No acute cardiopulmonary abnormality.\nIMPRESSION: Normal chest.");
    return tr("FINDINGS: %1\nIMPRESSION: %1").arg(sentences.join(QLatin1Char(' ')));
}

QString AnyToAnyDialog::modelCardPath() const { return m_service->bundleDirectory() + QStringLiteral("/MODEL_CARD.md"); }

void AnyToAnyDialog::showModelCard()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("modelCardDialog"));
    dialog->setWindowTitle(tr("Model card"));
    auto *layout = new QVBoxLayout(dialog);
    auto *browser = new QTextBrowser(dialog);
    QFile file(modelCardPath());
    // Whether the inputs can be checked against the training data (ood.json from the evaluation).
    const QString check = m_service->oodCheck()->calibrated() ? QString() : QStringLiteral("> **%1**\n\n").arg(workflow::OodCheck::unavailableText());
    if (file.open(QIODevice::ReadOnly))
        browser->setMarkdown(check + QString::fromUtf8(file.readAll()));
    else
        browser->setMarkdown(check + tr("No model card at %1 (the model bundle is not installed, or has no card).").arg(modelCardPath()));
    layout->addWidget(browser);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(700, 600);
    dialog->show();
}

std::vector<std::pair<int, int>> AnyToAnyDialog::reportComposedSpans() const { return m_reportMarks->composedSpans(); }

} // namespace radsynth::ui
