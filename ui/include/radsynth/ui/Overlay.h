#pragma once
// Corner overlays of a viewport (patient, study date, view, window, zoom, pixel under the cursor),
// drawn by VTK on top of the image, one text actor per corner at a fixed font size: a window/level
// or zoom change re-rasterises only the corner whose text changed (vtkCornerAnnotation re-fitted
// the font of all four on every change, about 14 ms a frame on a software renderer). Can be hidden.
#include <QCoreApplication>
#include <QString>

class vtkRenderer;

namespace radsynth::ui {

// What the loader knows about the displayed image; empty fields are left out.
struct OverlayInfo {
    QString patientName;      // already formatted for display ("DOE, JOHN")
    QString patientSex;
    QString studyDate;        // YYYYMMDD as in the file; shown as YYYY-MM-DD
    QString studyDescription;
    QString seriesDescription;
    QString modality;
    QString view;             // "PA (frontal)", "LL (lateral)", "unknown"
    QString laterality;
    // A synthetic image: the model's own size ("Drawn at 128 px, enlarged"), shown where the
    // pixel spacing goes (a synthetic image has none): the displayed size is not its detail.
    QString generatedAt;
};

// What the viewport knows right now.
struct OverlayStatus {
    QString windowText;       // "W 400 C 40" or "VOI LUT"
    double zoom = 1.0;
    bool fit = false;
    bool inverted = false;
    int frame = 0;
    int frameCount = 1;
    int imageWidth = 0;
    int imageHeight = 0;
    QString spacingText;      // "0.139 mm (at detector)"
    QString cursorText;       // "X 12 Y 40: 1234"
};

class Overlay {
    Q_DECLARE_TR_FUNCTIONS(radsynth::ui::Overlay)
public:
    Overlay();
    ~Overlay();
    Overlay(const Overlay &) = delete;
    Overlay &operator=(const Overlay &) = delete;

    void attach(vtkRenderer *renderer);
    void setVisible(bool visible);
    bool isVisible() const;
    void setFontSize(int pixels);
    // Places the corners for a viewport of this size (device pixels).
    void setViewportSize(int width, int height);
    void update(const OverlayInfo &info, const OverlayStatus &status);

    // The four corner texts (lower left, lower right, upper left, upper right), for tests.
    QString cornerText(int corner) const;

    static QString formatPersonName(const QString &dicomName);
    static QString formatDate(const QString &dicomDate);

private:
    struct Private;
    Private *d;
};

} // namespace radsynth::ui
