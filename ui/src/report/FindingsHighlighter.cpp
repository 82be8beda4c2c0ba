#include "radsynth/ui/report/FindingsHighlighter.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTextDocument>

#include <algorithm>

namespace radsynth::ui {

FindingsHighlighter::FindingsHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

void FindingsHighlighter::setSpans(std::vector<FindingSpan> spans)
{
    if (spans == m_spans)
        return;
    m_spans = std::move(spans);
    rehighlight();
}

void FindingsHighlighter::setComposedSpans(std::vector<std::pair<int, int>> spans)
{
    if (spans == m_composed)
        return;
    m_composed = std::move(spans);
    rehighlight();
}

void FindingsHighlighter::setEarlierStudySpans(std::vector<std::pair<int, int>> spans)
{
    if (spans == m_earlier)
        return;
    m_earlier = std::move(spans);
    rehighlight();
}

std::vector<std::pair<int, int>> FindingsHighlighter::spansOf(const QString &text, const QStringList &sentences)
{
    std::vector<std::pair<int, int>> spans;
    for (const QString &sentence : sentences)
        for (int at = sentence.isEmpty() ? -1 : int(text.indexOf(sentence)); at >= 0; at = int(text.indexOf(sentence, at + sentence.size())))
            spans.emplace_back(at, int(sentence.size()));
    std::sort(spans.begin(), spans.end());
    return spans;
}

QTextCharFormat FindingsHighlighter::formatFor(report::Status status)
{
    QTextCharFormat format;
    switch (status) {
    case report::Status::Positive: // asserted: red, bold
        format.setForeground(QColor(176, 32, 32));
        format.setBackground(QColor(253, 228, 228));
        format.setFontWeight(QFont::DemiBold);
        break;
    case report::Status::Negative: // denied: green
        format.setForeground(QColor(26, 110, 52));
        format.setBackground(QColor(226, 243, 230));
        break;
    case report::Status::Uncertain: // hedged: amber, dotted underline
        format.setForeground(QColor(150, 90, 0));
        format.setBackground(QColor(255, 241, 204));
        format.setUnderlineStyle(QTextCharFormat::DotLine);
        format.setUnderlineColor(QColor(150, 90, 0));
        break;
    }
    return format;
}

void FindingsHighlighter::highlightBlock(const QString &text)
{
    // Section headings ("FINDINGS:") at the start of a line.
    static const QRegularExpression heading(
        QStringLiteral("^\\s*(INDICATION|COMPARISON|FINDINGS|IMPRESSION|HISTORY|CLINICAL HISTORY|CONCLUSION)\\s*:"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = heading.match(text);
    if (match.hasMatch()) {
        QTextCharFormat format;
        format.setFontWeight(QFont::Bold);
        format.setForeground(QColor(40, 60, 110));
        setFormat(match.capturedStart(), match.capturedLength(), format);
    }
    const int blockStart = currentBlock().position();
    const int blockEnd = blockStart + text.size();
    for (const auto &span : m_spans) {
        const int start = std::max(span.start, blockStart);
        const int end = std::min(span.start + span.length, blockEnd);
        if (end > start)
            setFormat(start - blockStart, end - start, formatFor(span.status));
    }
    // Composed sentences: the dashed underline over whatever colour the findings gave the letters;
    // sentences speaking of an earlier study: a wavy one (it wins where a sentence is both).
    auto underline = [&](const std::vector<std::pair<int, int>> &spans, QTextCharFormat::UnderlineStyle style, const QColor &colour) {
        for (const auto &[spanStart, spanLength] : spans) {
            const int start = std::max(spanStart, blockStart) - blockStart;
            const int end = std::min(spanStart + spanLength, blockEnd) - blockStart;
            for (int i = start; i < end; ++i) {
                QTextCharFormat f = format(i);
                f.setUnderlineStyle(style);
                f.setUnderlineColor(colour);
                setFormat(i, 1, f);
            }
        }
    };
    underline(m_composed, QTextCharFormat::DashUnderline, composedColor());
    underline(m_earlier, QTextCharFormat::WaveUnderline, earlierStudyColor());
}

} // namespace radsynth::ui
