#include "radsynth/ui/OodWarning.h"

#include <QMessageBox>

namespace radsynth::ui {

using workflow::OodCheck;
using workflow::OodResult;

namespace {
// Greedy word wrap.
QString wrapped(const QString &text, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n'));
}
// Wrapped for the panel's input column (~330 px), HTML-escaped, lines joined with <br>.
QString htmlLines(const QString &text)
{
    return wrapped(text, 40).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}
} // namespace

QString oodBannerText(const QList<OodResult> &results, int width)
{
    const OodResult worst = OodCheck::worst(results);
    if (!worst.flagged())
        return {};
    // One warning (the highest ratio) keeps the banner short; the view says which
    // input.
    return wrapped(OodCheck::warningText(worst, results.size() > 1), width);
}

OodStatusLabel::OodStatusLabel(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("oodStatus"));
    // Wrapped here, not by QLabel: a word-wrapped label is squeezed to one line in the panel's form.
    setWordWrap(false);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextBrowserInteraction);
    setOpenExternalLinks(false);
    connect(this, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("why"))
            showExplanation();
    });
    clearStatus();
}

void OodStatusLabel::clearStatus()
{
    m_results.clear();
    m_explanation.clear();
    setText(QString());
    setToolTip(QString());
    setStyleSheet(QString());
}

void OodStatusLabel::setChecking()
{
    m_results.clear();
    m_explanation.clear();
    setStyleSheet(QStringLiteral("color:#555;"));
    setText(tr("Checking the inputs against the model's training data..."));
    setToolTip(QString());
}

void OodStatusLabel::setUnavailable(const QString &message)
{
    m_results.clear();
    OodResult result;
    result.message = message;
    m_explanation = OodCheck::explanation(result);
    setStyleSheet(QStringLiteral("color:#555;"));
    setText(QStringLiteral("%1 <a href='why'>%2</a>").arg(htmlLines(message), tr("why?")));
    setToolTip(m_explanation);
}

bool OodStatusLabel::flagged() const
{
    for (const OodResult &r : m_results)
        if (r.flagged())
            return true;
    return false;
}

void OodStatusLabel::setResults(const QList<OodResult> &results)
{
    m_results = results;
    QStringList lines, explanations;
    for (const OodResult &r : results) {
        const QString line = (r.view.isEmpty() ? QString() : r.view + QStringLiteral(": ")) + OodCheck::statusText(r);
        lines << (r.flagged() ? QStringLiteral("<b style='color:#b00020'>&#9888; %1</b>").arg(htmlLines(line)) : htmlLines(line));
        explanations << (r.view.isEmpty() ? QString() : r.view + QStringLiteral(":\n")) + OodCheck::explanation(r);
    }
    m_explanation = explanations.join(QStringLiteral("\n\n"));
    setStyleSheet(flagged() ? QStringLiteral("background:#fdecea; border:1px solid "
                                             "#e6a0a0; border-radius:3px; padding:3px;")
                            : QStringLiteral("color:#555;"));
    setText(lines.isEmpty() ? QString() : lines.join(QStringLiteral("<br>")) + QStringLiteral(" <a href='why'>%1</a>").arg(tr("why?")));
    setToolTip(m_explanation);
}

void OodStatusLabel::showExplanation()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("Out-of-distribution check"), m_explanation, QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("oodExplanation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

} // namespace radsynth::ui
