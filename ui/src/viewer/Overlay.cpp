#include "radsynth/ui/Overlay.h"

#include <QStringList>

#include <vtkCornerAnnotation.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextProperty.h>

namespace radsynth::ui {

struct Overlay::Private {
    vtkSmartPointer<vtkCornerAnnotation> annotation;
    QString corners[4];
};

Overlay::Overlay() : d(new Private)
{
    d->annotation = vtkSmartPointer<vtkCornerAnnotation>::New();
    d->annotation->SetLinearFontScaleFactor(2);
    d->annotation->SetNonlinearFontScaleFactor(1);
    d->annotation->SetMaximumFontSize(15);
    d->annotation->SetMinimumFontSize(9);
    vtkTextProperty *text = d->annotation->GetTextProperty();
    text->SetColor(0.95, 0.85, 0.35);
    text->SetFontFamilyToArial();
    text->ShadowOn();
    d->annotation->PickableOff();
}

Overlay::~Overlay() { delete d; }

void Overlay::attach(vtkRenderer *renderer) { renderer->AddViewProp(d->annotation); }

void Overlay::setVisible(bool visible) { d->annotation->SetVisibility(visible ? 1 : 0); }

bool Overlay::isVisible() const { return d->annotation->GetVisibility() != 0; }

void Overlay::setFontSize(int pixels)
{
    d->annotation->SetMaximumFontSize(pixels);
    d->annotation->SetMinimumFontSize(std::max(6, pixels * 2 / 3));
}

QString Overlay::cornerText(int corner) const { return corner >= 0 && corner < 4 ? d->corners[corner] : QString(); }

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
        if (texts[corner] == d->corners[corner])
            continue;
        d->corners[corner] = texts[corner];
        d->annotation->SetText(corner, texts[corner].toUtf8().constData());
    }
}

} // namespace radsynth::ui
