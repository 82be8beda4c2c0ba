#pragma once
// Distance measurements on an image: end points are kept in image pixel coordinates (column,
// row, continuous), lengths are reported in mm from the pixel spacing with its calibration
// (at detector / calibrated) stated, or in pixels when the file gives no spacing.
#include "radsynth/imaging/Image.h"

#include <QCoreApplication>
#include <QPointF>
#include <QString>
#include <QVector>

#include <functional>
#include <optional>

class vtkRenderer;

namespace radsynth::ui {

struct DistanceMeasurement {
    QPointF start; // image pixel coordinates (column, row)
    QPointF end;
};

class Measurements {
    Q_DECLARE_TR_FUNCTIONS(radsynth::ui::Measurements)
public:
    Measurements();
    ~Measurements();
    Measurements(const Measurements &) = delete;
    Measurements &operator=(const Measurements &) = delete;

    void attach(vtkRenderer *renderer);
    void setSpacing(const imaging::PixelSpacing &spacing) { m_spacing = spacing; }

    // Drawing a new one: begin at a point, move its end, then finish (kept) or cancel.
    void begin(const QPointF &imagePoint);
    void moveEnd(const QPointF &imagePoint);
    void finish();
    void cancel();
    bool isDrawing() const { return m_drawing; }
    void clear();

    int count() const { return int(m_items.size()); }
    const DistanceMeasurement &at(int index) const { return m_items.at(index); }
    // Length in mm, or nothing when the image has no pixel spacing.
    std::optional<double> lengthMm(const DistanceMeasurement &measurement) const;
    double lengthPixels(const DistanceMeasurement &measurement) const;
    // "52.3 mm (at detector)", "52.3 mm (calibrated)", "340.0 px (no pixel spacing)".
    QString label(const DistanceMeasurement &measurement) const;

    // Place the VTK props for the current view: `toDisplay` maps image coordinates to VTK
    // display coordinates (device pixels, origin lower left).
    void updateProps(const std::function<QPointF(const QPointF &)> &toDisplay, int fontSize);

private:
    struct Private;
    Private *d;
    imaging::PixelSpacing m_spacing;
    QVector<DistanceMeasurement> m_items; // the one being drawn is the last while m_drawing
    bool m_drawing = false;
};

} // namespace radsynth::ui
