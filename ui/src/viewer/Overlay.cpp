#include "radsynth/ui/Overlay.h"

#include <QStringList>

#include <algorithm>

#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace radsynth::ui {

struct Overlay::Private {
    // Lower left, lower right, upper left, upper right.
    vtkSmartPointer<vtkTextActor> corners[4];
    QString texts[4];     // as given (cornerText)
    QString shown[4];     // as drawn: lines shortened to half the viewport's width
    bool visible = true;
    int fontSize = 13;
    int viewportWidth = 0;

    // Each line at most half the viewport wide (Arial averages about 0.55 em a character), so
    // the left and right corners never run into each other in narrow viewports.
    QString fitted(const QString &text) const
    {
        if (viewportWidth <= 0)
            return text;
        const int maxChars = std::max(8, int((viewportWidth / 2.0 - fontSize) / (fontSize * 0.55)));
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString &line : lines)
            if (line.size() > maxChars)
                line = line.left(maxChars - 1) + QChar(0x2026);
        return lines.join(QLatin1Char('\n'));
    }
    void draw(int corner)
    {
        const QString text = fitted(texts[corner]);
        if (text == shown[corner])
            return;
        shown[corner] = text;
        corners[corner]->SetInput(text.toUtf8().constData());
    }
};

Overlay::Overlay() : d(new Private)
{
    for (int corner = 0; corner < 4; ++corner) {
        auto actor = vtkSmartPointer<vtkTextActor>::New();
        vtkTextProperty *text = actor->GetTextProperty();
        text->SetColor(0.95, 0.85, 0.35);
        text->SetFontFamilyToArial();
        text->ShadowOn();
        text->SetFontSize(d->fontSize);
        text->SetLineSpacing(1.1);
        const bool right = corner % 2 == 1, top = corner >= 2;
        if (right)
            text->SetJustificationToRight();
        else
            text->SetJustificationToLeft();
        if (top)
            text->SetVerticalJustificationToTop();
        else
            text->SetVerticalJustificationToBottom();
        actor->PickableOff();
        actor->SetVisibility(0);
        d->corners[corner] = actor;
    }
}

Overlay::~Overlay() { delete d; }

void Overlay::attach(vtkRenderer *renderer)
{
    for (const auto &actor : d->corners)
        renderer->AddViewProp(actor);
}

void Overlay::setVisible(bool visible)
{
    d->visible = visible;
    for (int corner = 0; corner < 4; ++corner)
        d->corners[corner]->SetVisibility(visible && !d->texts[corner].isEmpty() ? 1 : 0);
}

bool Overlay::isVisible() const { return d->visible; }

void Overlay::setFontSize(int pixels)
{
    if (pixels == d->fontSize)
        return;
    d->fontSize = pixels;
    for (const auto &actor : d->corners)
        actor->GetTextProperty()->SetFontSize(pixels);
    for (int corner = 0; corner < 4; ++corner)
        d->draw(corner); // the lines' length depends on the size
}

void Overlay::setViewportSize(int width, int height)
{
    if (width != d->viewportWidth) {
        d->viewportWidth = width;
        for (int corner = 0; corner < 4; ++corner)
            d->draw(corner);
    }
    const int margin = std::max(4, d->fontSize / 2);
    const int x[4] = {margin, width - margin, margin, width - margin};
    const int y[4] = {margin, margin, height - margin, height - margin};
    for (int corner = 0; corner < 4; ++corner)
        d->corners[corner]->SetDisplayPosition(x[corner], y[corner]);
}

QString Overlay::cornerText(int corner) const { return corner >= 0 && corner < 4 ? d->texts[corner] : QString(); }

QString Overlay::formatPersonName(const QString &dicomName)
{
    // DICOM PN: family^given^middle^prefix^suffix
    QStringList parts = dicomName.split(QLatin1Char('^'));
    for (QString &part : parts)
        part = part.trimmed();
    while (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast();
    if (parts.isEmpty())
        return QString();
    if (parts.size() == 1)
        return parts.first();
    const QString family = parts.takeFirst();
    parts.removeAll(QString());
    return family + QStringLiteral(", ") + parts.join(QLatin1Char(' '));
}

QString Overlay::formatDate(const QString &dicomDate)
{
    const QString date = dicomDate.trimmed();
    if (date.size() == 8 && date.at(0).isDigit())
        return date.left(4) + QLatin1Char('-') + date.mid(4, 2) + QLatin1Char('-') + date.mid(6, 2);
    return date;
}

void Overlay::update(const OverlayInfo &info, const OverlayStatus &status)
{
    auto joinLines = [](const QStringList &lines) {
        QStringList kept;
        for (const QString &line : lines)
            if (!line.trimmed().isEmpty())
                kept << line;
        return kept.join(QLatin1Char('\n'));
    };

    // Upper left: who and when.
    QString patient = info.patientName;
    if (!info.patientSex.isEmpty())
        patient += patient.isEmpty() ? info.patientSex : QStringLiteral(" (%1)").arg(info.patientSex);
    const QString date = info.studyDate.isEmpty() ? QString() : tr("Study date %1").arg(formatDate(info.studyDate));
    const QString upperLeft = joinLines({patient, date, info.studyDescription});

    // Upper right: what.
    QString view;
    if (!info.view.isEmpty())
        view = tr("View %1").arg(info.view);
    if (!info.laterality.isEmpty())
        view += (view.isEmpty() ? QString() : QStringLiteral("  ")) + tr("Laterality %1").arg(info.laterality);
    const QString frame = status.frameCount > 1 ? tr("Image %1 / %2").arg(status.frame + 1).arg(status.frameCount) : QString();
    const QString upperRight = joinLines({info.modality.isEmpty() ? info.seriesDescription
                                                                   : info.modality + QStringLiteral("  ") + info.seriesDescription,
        view, frame});

    // Lower left: how it is displayed.
    const QString zoom = status.fit ? tr("Zoom %1% (fit)").arg(qRound(status.zoom * 100.0)) : tr("Zoom %1%").arg(qRound(status.zoom * 100.0));
    const QString lowerLeft = joinLines({status.windowText, zoom, status.inverted ? tr("Inverted") : QString()});

    // Lower right: geometry and the pixel under the cursor.
    const QString size = status.imageWidth > 0 ? tr("%1 x %2 px").arg(status.imageWidth).arg(status.imageHeight) : QString();
    const QString lowerRight = joinLines({status.cursorText, size, status.spacingText});

    const QString texts[4] = {lowerLeft, lowerRight, upperLeft, upperRight};
    for (int corner = 0; corner < 4; ++corner) {
        if (texts[corner] == d->texts[corner])
            continue;
        d->texts[corner] = texts[corner];
        d->draw(corner);
        d->corners[corner]->SetVisibility(d->visible && !texts[corner].isEmpty() ? 1 : 0);
    }
}

} // namespace radsynth::ui
