#pragma once
// The any-to-any panel (Generate > Any-to-any...): choose the inputs (the study's frontal and/or
// lateral, a typed or pasted report, or findings picked from the 14 observations and composed into
// a report), the outputs (frontal, lateral, report), the sampler, steps, guidance, seed and number
// of variants. Each output runs as one job on the scheduler. Image results show as a strip of
// variants with a per-pixel variation map (standard deviation over the variants); when the study
// has the real view, a difference view and a flicker toggle compare it with the synthesized one.
// Every synthesized picture carries the orange SYNTHETIC mark. The model card is one click away.
#include "radsynth/generation/Generator.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/JobScheduler.h"

#include <QDialog>
#include <QImage>
#include <QSet>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace radsynth::ui {

class FindingsHighlighter;

class OodStatusLabel;

class AnyToAnyDialog : public QDialog {
    Q_OBJECT
public:
    AnyToAnyDialog(workflow::GenerationService *service, workflow::JobScheduler *scheduler, QWidget *parent = nullptr);

    void setService(workflow::GenerationService *service)
    {
        m_service = service;
        m_checkedFor.clear();
        checkInputs();
    }
    // The study the inputs come from; empty paths disable those inputs.
    void setStudy(const QString &studyKey, const QString &frontalPath, const QString &lateralPath);

    // The tasks Generate would run for the chosen inputs and outputs (one per output), or an
    // explanation in `why` when the choice cannot be generated.
    QList<generation::Task> plannedTasks(QString *why = nullptr) const;
    // Starts the planned jobs; returns their ids (empty with a message in the panel when nothing runs).
    QList<workflow::JobId> generate();
    QList<workflow::JobId> runningJobs() const { return m_jobs; }

    // Findings checklist -> report text (core/report's composer with the sentence bank when one is
    // installed, else one plain sentence per finding).
    QString composeFromFindings();
    static QString sentenceBankPath(); // <data folder>/sentence-bank.json
    QString modelCardPath() const;     // <bundle>/MODEL_CARD.md
    void showModelCard();

    // Results
    int variantCount() const { return int(m_results.size()); }
    QImage variationMap() const { return m_variationMap; }   // heat map of the std over variants
    double maxVariation() const { return m_maxVariation; }
    QImage differenceImage() const { return m_difference; }  // |synthesized - real|, heat map
    double meanDifference() const { return m_meanDifference; }
    bool hasComparison() const { return !m_realForComparison.isNull(); }
    bool flickerShowsReal() const { return m_flickerReal; }

    // Widgets, for tests and screenshots.
    QCheckBox *frontalInput() const { return m_inFrontal; }
    QCheckBox *lateralInput() const { return m_inLateral; }
    QCheckBox *reportInput() const { return m_inReport; }
    QPlainTextEdit *reportText() const { return m_reportText; }
    QListWidget *findingsList() const { return m_findings; }
    QCheckBox *frontalOutput() const { return m_outFrontal; }
    QCheckBox *lateralOutput() const { return m_outLateral; }
    QCheckBox *reportOutputCheck() const { return m_outReport; }
    QComboBox *samplerBox() const { return m_sampler; }
    QSpinBox *stepsBox() const { return m_steps; }
    QDoubleSpinBox *guidanceBox() const { return m_guidance; }
    QSpinBox *seedBox() const { return m_seed; }
    QSpinBox *variantsBox() const { return m_variants; }
    QDoubleSpinBox *etaBox() const { return m_eta; }
    QSpinBox *beamBox() const { return m_beam; }
    QSpinBox *draftsBox() const { return m_drafts; }
    QPushButton *generateButton() const { return m_generate; }
    QListWidget *variantStrip() const { return m_strip; }
    QLabel *variationView() const { return m_variationView; }
    QLabel *synthesizedView() const { return m_synthView; }
    QLabel *realView() const { return m_realView; }
    QLabel *differenceView() const { return m_differenceView; }
    QPushButton *flickerButton() const { return m_flicker; }
    QPlainTextEdit *reportOutput() const { return m_reportOut; }
    // The generated report's composed sentences marked now: (start, length).
    std::vector<std::pair<int, int>> reportComposedSpans() const;
    QLabel *messageLabel() const { return m_message; }
    // The out-of-distribution check of the study's frontal/lateral, next to the inputs (OodWarning.h).
    OodStatusLabel *inputCheckLabel() const { return m_inputCheck; }
    // Scores the study's images with the bundle's check in a job (no-op when already shown;
    // "unavailable" without ood.json). Runs when the panel is shown and before Generate.
    void checkInputs();

    // A picture scaled to `size` with the SYNTHETIC mark burned in (exports::withSyntheticMarks: the
    // painter, lines and colour of the exported PNG, so a preview carries the export's mark).
    static QImage markedSynthetic(const QImage &picture, int size, const report::ReportProvenance &provenance);
    static QImage toQImage(const generation::ImageData &data);

Q_SIGNALS:
    void resultsReady(); // every job of the last Generate has ended
    void inputsChecked(); // the input check's result is shown

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Result {
        generation::View view = generation::View::Lateral;
        int variant = 0;
        uint64_t seed = 0;
        generation::ImageData image;
        report::ReportProvenance provenance;
    };
    void updatePlan();
    void onJobEnded(workflow::JobId id);
    void addResult(const generation::Generation &result, const std::optional<generation::ImageData> &real);
    void refreshResults();
    void showComparison();

    workflow::GenerationService *m_service;
    workflow::JobScheduler *m_scheduler;
    QString m_studyKey, m_frontalPath, m_lateralPath;

    QCheckBox *m_inFrontal = nullptr, *m_inLateral = nullptr, *m_inReport = nullptr;
    QPlainTextEdit *m_reportText = nullptr;
    QListWidget *m_findings = nullptr;
    QCheckBox *m_outFrontal = nullptr, *m_outLateral = nullptr, *m_outReport = nullptr;
    QComboBox *m_sampler = nullptr;
    QSpinBox *m_steps = nullptr;
    QDoubleSpinBox *m_guidance = nullptr;
    QSpinBox *m_seed = nullptr;
    QSpinBox *m_variants = nullptr;
    QDoubleSpinBox *m_eta = nullptr;
    QSpinBox *m_beam = nullptr;
    QSpinBox *m_drafts = nullptr;
    QLabel *m_plan = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_generate = nullptr;
    QListWidget *m_strip = nullptr;
    QLabel *m_variationView = nullptr;
    QLabel *m_variationCaption = nullptr;
    QLabel *m_synthView = nullptr;
    QLabel *m_synthCaption = nullptr;
    QLabel *m_realView = nullptr;
    QLabel *m_differenceView = nullptr;
    QLabel *m_differenceCaption = nullptr;
    QPushButton *m_flicker = nullptr;
    QTimer *m_flickerTimer = nullptr;
    QPlainTextEdit *m_reportOut = nullptr;
    FindingsHighlighter *m_reportMarks = nullptr;
    OodStatusLabel *m_inputCheck = nullptr;
    QString m_checkedFor; // the inputs the shown check is for

    QList<workflow::JobId> m_jobs;
    QSet<workflow::JobId> m_ended;
    std::vector<Result> m_results;
    QImage m_variationMap, m_difference, m_synthForComparison, m_realForComparison;
    report::ReportProvenance m_synthProvenance;
    double m_maxVariation = 0.0, m_meanDifference = 0.0;
    bool m_flickerReal = false;
    generation::View m_comparedView = generation::View::Lateral;
};

} // namespace radsynth::ui
