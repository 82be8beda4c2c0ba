#pragma once
// Internal to core/report: removing sentences from a report text (Consistency.cpp, Readability.cpp).
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace radsynth::report::detail {

// Removes the spans [start, start + length), given in ascending order and not overlapping, with
// the spaces after each; from the last to the first, so that earlier offsets stay valid. Returns
// how many were removed.
inline int removeSpans(QString &text, const std::vector<std::pair<int, int>> &spans)
{
    for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
        int end = it->first + it->second;
        while (end < text.size() && text.at(end) == QLatin1Char(' '))
            ++end;
        text.remove(it->first, end - it->first);
    }
    return int(spans.size());
}

// Each line with runs of spaces collapsed and trimmed.
inline QStringList tidyLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        while (line.contains(QStringLiteral("  ")))
            line.replace(QStringLiteral("  "), QStringLiteral(" "));
        line = line.trimmed();
    }
    return lines;
}

} // namespace radsynth::report::detail
