#pragma once
// How the workstation shows the out-of-distribution check of generation inputs
// (workflow::OodCheck): a line for the synthetic viewport's banner, and a label
// for the any-to-any panel that shows each input's result next to the inputs
// with a "why?" link (the two scores and their thresholds, also as the
// tooltip). Never blocking: the label only informs.
#include "radsynth/workflow/OodCheck.h"

#include <QLabel>
#include <QList>

namespace radsynth::ui {

// The warning for the synthetic viewport's banner, wrapped to lines of at most
// ~`width` characters (empty when nothing is flagged).
QString oodBannerText(const QList<workflow::OodResult> &results, int width = 40);

class OodStatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit OodStatusLabel(QWidget *parent = nullptr);

    void setChecking();
    void setUnavailable(const QString &message);
    void setResults(const QList<workflow::OodResult> &results);
    void clearStatus();

    QList<workflow::OodResult> results() const { return m_results; }
    bool flagged() const;
    // The "why?" text (also the tooltip).
    QString explanation() const { return m_explanation; }
    // Opens the explanation in a non-modal message box (what the "why?" link
    // does).
    void showExplanation();

private:
    QList<workflow::OodResult> m_results;
    QString m_explanation;
};

} // namespace radsynth::ui
