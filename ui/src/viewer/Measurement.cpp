#include "radsynth/ui/Measurement.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cmath>
#include <vector>

namespace radsynth::ui {

struct Measurements::Private {
    vtkRenderer *renderer = nullptr;
    vtkSmartPointer<vtkPolyData> lines;
    vtkSmartPointer<vtkActor2D> lineActor;
    std::vector<vtkSmartPointer<vtkTextActor>> labels;
};

Measurements::Measurements() : d(new Private)
{
    d->lines = vtkSmartPointer<vtkPolyData>::New();
    auto mapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
    mapper->SetInputData(d->lines);
    d->lineActor = vtkSmartPointer<vtkActor2D>::New();
    d->lineActor->SetMapper(mapper);
    d->lineActor->GetProperty()->SetColor(0.3, 1.0, 0.4);
    d->lineActor->GetProperty()->SetLineWidth(2.0);
    d->lineActor->GetProperty()->SetPointSize(5.0);
}

Measurements::~Measurements() { delete d; }

void Measurements::attach(vtkRenderer *renderer)
{
    d->renderer = renderer;
    renderer->AddViewProp(d->lineActor);
}

void Measurements::begin(const QPointF &imagePoint)
{
    if (m_drawing)
        m_items.removeLast();
    m_items.append(DistanceMeasurement{imagePoint, imagePoint});
    m_drawing = true;
}

void Measurements::moveEnd(const QPointF &imagePoint)
{
    if (m_drawing)
        m_items.last().end = imagePoint;
}

void Measurements::finish()
{
    if (!m_drawing)
        return;
    m_drawing = false;
    // A click without a drag is not a measurement.
    if (lengthPixels(m_items.last()) < 1.0)
        m_items.removeLast();
}

void Measurements::cancel()
{
    if (!m_drawing)
        return;
    m_drawing = false;
    m_items.removeLast();
}

void Measurements::clear()
{
    m_items.clear();
    m_drawing = false;
}

double Measurements::lengthPixels(const DistanceMeasurement &m) const
{
    return std::hypot(m.end.x() - m.start.x(), m.end.y() - m.start.y());
}

std::optional<double> Measurements::lengthMm(const DistanceMeasurement &m) const
{
    if (!m_spacing.valid())
        return std::nullopt;
    const double dx = (m.end.x() - m.start.x()) * m_spacing.columnMm;
    const double dy = (m.end.y() - m.start.y()) * m_spacing.rowMm;
    return std::hypot(dx, dy);
}

QString Measurements::label(const DistanceMeasurement &m) const
{
    const std::optional<double> mm = lengthMm(m);
    if (!mm)
        return tr("%1 px (no pixel spacing)").arg(lengthPixels(m), 0, 'f', 1);
    QString calibration;
    switch (m_spacing.calibration) {
    case imaging::Calibration::AtDetector: calibration = tr("at detector"); break;
    case imaging::Calibration::Calibrated: calibration = tr("calibrated"); break;
    case imaging::Calibration::Unknown: calibration = tr("calibration unknown"); break;
    }
    return tr("%1 mm (%2)").arg(*mm, 0, 'f', 1).arg(calibration);
}

void Measurements::updateProps(const std::function<QPointF(const QPointF &)> &toDisplay, int fontSize)
{
    auto points = vtkSmartPointer<vtkPoints>::New();
    auto cells = vtkSmartPointer<vtkCellArray>::New();
    auto vertices = vtkSmartPointer<vtkCellArray>::New();
    for (const DistanceMeasurement &m : std::as_const(m_items)) {
        const QPointF a = toDisplay(m.start), b = toDisplay(m.end);
        const vtkIdType ids[2] = {points->InsertNextPoint(a.x(), a.y(), 0.0), points->InsertNextPoint(b.x(), b.y(), 0.0)};
        cells->InsertNextCell(2, ids);
        vertices->InsertNextCell(1, &ids[0]);
        vertices->InsertNextCell(1, &ids[1]);
    }
    d->lines->SetPoints(points);
    d->lines->SetLines(cells);
    d->lines->SetVerts(vertices);
    d->lines->Modified();

    while (int(d->labels.size()) < m_items.size()) {
        auto text = vtkSmartPointer<vtkTextActor>::New();
        text->GetTextProperty()->SetColor(0.3, 1.0, 0.4);
        text->GetTextProperty()->ShadowOn();
        text->GetTextProperty()->SetFontFamilyToArial();
        if (d->renderer)
            d->renderer->AddViewProp(text);
        d->labels.push_back(text);
    }
    for (size_t i = 0; i < d->labels.size(); ++i) {
        vtkTextActor *text = d->labels[i];
        if (int(i) >= m_items.size()) {
            text->SetVisibility(0);
            continue;
        }
        const DistanceMeasurement &m = m_items.at(int(i));
        const QPointF a = toDisplay(m.start), b = toDisplay(m.end);
        // Label beside the end point that is further right, so it does not cover the line.
        const QPointF anchor = a.x() > b.x() ? a : b;
        text->SetInput(label(m).toUtf8().constData());
        text->GetTextProperty()->SetFontSize(fontSize);
        text->SetDisplayPosition(int(anchor.x()) + fontSize / 2, int(anchor.y()) + fontSize / 2);
        text->SetVisibility(1);
    }
}

} // namespace radsynth::ui
