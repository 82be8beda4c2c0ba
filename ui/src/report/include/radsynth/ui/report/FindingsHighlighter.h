#pragma once
// Inline highlighting of the labeler's findings: positive, negative and uncertain mentions get
// their own colour and underline, section headings are bold; sentences the model composed word by
// word (ReportDraft::composedSentences) get a dashed violet underline on top, the model's sentences
// that speak of an earlier study (generation/PriorStudy.h) a wavy orange one. Formatting only: the
// highlighter never changes a character of the text.
#include "radsynth/report/Findings.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <utility>
#include <vector>

namespace radsynth::ui {

// One highlighted mention, in character offsets of the whole document.
struct FindingSpan {
    int start = 0;
    int length = 0;
    report::Status status = report::Status::Positive;
    report::Observation observation = report::Observation::NoFinding;
    bool operator==(const FindingSpan &other) const
    {
        return start == other.start && length == other.length && status == other.status && observation == other.observation;
    }
};

class FindingsHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit FindingsHighlighter(QTextDocument *document);

    void setSpans(std::vector<FindingSpan> spans);
    const std::vector<FindingSpan> &spans() const { return m_spans; }
    static QTextCharFormat formatFor(report::Status status);
    // Composed sentences, as (start, length) in character offsets of the whole document.
    void setComposedSpans(std::vector<std::pair<int, int>> spans);
    // Where `sentences` stand in `text`, every occurrence, in order: the spans to mark.
    static std::vector<std::pair<int, int>> spansOf(const QString &text, const QStringList &sentences);
    const std::vector<std::pair<int, int>> &composedSpans() const { return m_composed; }
    static QColor composedColor() { return QColor(120, 60, 170); }
    // The model's sentences that speak of an earlier study, as (start, length).
    void setEarlierStudySpans(std::vector<std::pair<int, int>> spans);
    const std::vector<std::pair<int, int>> &earlierStudySpans() const { return m_earlier; }
    static QColor earlierStudyColor() { return QColor(190, 90, 0); }

protected:
    void highlightBlock(const QString &text) override;

private:
    std::vector<FindingSpan> m_spans;
    std::vector<std::pair<int, int>> m_composed;
    std::vector<std::pair<int, int>> m_earlier;
};

} // namespace radsynth::ui
