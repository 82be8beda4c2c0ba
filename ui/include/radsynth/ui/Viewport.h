#pragma once
// One image viewport: renders an imaging::Image through the display pipeline (renderGray8) into a
// VTK image actor and draws overlays and measurements. All interaction changes the
// ViewportState; the widget renders from that state (so linked viewports simply share it).
//
// Display rate on large images: a new image or window first shows a display-resolution level (the
// image reduced by the power of two that still gives at least one level pixel per screen pixel at
// the fitted zoom), rendered on the GUI thread in a few milliseconds; the full-resolution rendering
// runs on the viewport's own worker thread when the window stops changing (150 ms after the last
// step of a drag, at once otherwise) and replaces it. At rest the image on screen is always the
// full-resolution rendering, byte for byte renderGray8's (showsFullResolution(),
// fullResolutionPixels()).
//
// Mouse: left-drag window/level, middle-drag or shift+left-drag pan, wheel zoom (about the
// cursor), right-drag zoom, left-drag measures a distance in measure mode.
#include "radsynth/imaging/Image.h"
#include "radsynth/ui/Measurement.h"
#include "radsynth/ui/Overlay.h"
#include "radsynth/ui/ViewportState.h"
#include "radsynth/ui/VtkImageView.h"

#include <QPointF>
#include <QVector>

#include <memory>
#include <optional>

namespace radsynth::ui {

class Viewport : public VtkImageView {
    Q_OBJECT
public:
    // Mime type of a series dragged from the study browser (payload: the series key).
    static constexpr const char *kSeriesMimeType = "application/x-radsynth-series";

    explicit Viewport(QWidget *parent = nullptr);
    ~Viewport() override;

    ViewportState *state() const { return m_state; }
    Measurements &measurements() { return m_measurements; }
    const Measurements &measurements() const { return m_measurements; }

    // Show an image. keepView: a new frame of the same series keeps window, zoom and orientation.
    void setImage(std::shared_ptr<const imaging::Image> image, const OverlayInfo &info, bool keepView = false);
    void clearImage();
    bool hasImage() const { return m_image != nullptr; }
    const imaging::Image *image() const { return m_image.get(); }
    const OverlayInfo &overlayInfo() const { return m_info; }
    Overlay &overlay() { return m_overlay; }

    // Presets for keys 1-5: the file's own windows first, then defaults for radiographs.
    QVector<imaging::WindowLevel> windowPresets() const { return m_presets; }
    bool applyWindowPreset(int index); // 0-based; false when there is no such preset
    // The window in effect (the state's, else the image default); empty while a VOI LUT is used.
    std::optional<imaging::WindowLevel> effectiveWindow() const;

    // Geometry: widget (logical pixels) <-> image pixel coordinates (column, row; continuous,
    // pixel centres at integers).
    QPointF imageToWidget(const QPointF &imagePoint) const;
    QPointF widgetToImage(const QPointF &widgetPoint) const;
    double pixelsPerImagePixel() const; // current zoom in logical pixels per image column
    // Text for the pixel under a widget position ("X 12 Y 40: 1234"), empty outside the image.
    QString pixelValueText(const QPointF &widgetPoint) const;

    // Zoom by a factor keeping the image point under `anchor` (widget coordinates) in place.
    void zoomBy(double factor, const QPointF &anchor);
    void zoomBy(double factor) { zoomBy(factor, QPointF(width() / 2.0, height() / 2.0)); }
    void setActualSize(); // 1 image pixel = 1 screen pixel

    void setActive(bool active);
    bool isActive() const { return m_active; }

    // Synthetic images can never be mistaken for acquired ones: a synthetic viewport draws a
    // persistent banner ("SYNTHETIC - not for diagnosis" plus `detail`, e.g. the task and seed) and
    // an orange frame, both rendered by VTK into the image, so they are in every grab and screenshot.
    void setSynthetic(bool synthetic, const QString &detail = {});
    bool isSynthetic() const { return m_synthetic; }
    // The banner text as drawn (empty when not synthetic).
    QString syntheticText() const;
    static QString syntheticMark(); // "SYNTHETIC - not for diagnosis", translated
    // Text shown while the viewport has no image (default: the drop hint). Empty restores the default.
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;

    // True when the full-resolution rendering of the current window is ready: every frame from now
    // on draws it (not the display-resolution level) until the window or image changes.
    Q_INVOKABLE bool showsFullResolution() const;
    // The full-resolution 8-bit rendering on screen (top-down rows; 1 byte a pixel for gray images,
    // 3 for colour); empty while a display-resolution level is shown.
    std::vector<uint8_t> fullResolutionPixels() const;
    // The reduction factor of the display-resolution level (1: the image is shown at full
    // resolution at once).
    int displayLevelFactor() const;
    // The reduction factor of what the scene shows now: 1 the full resolution, displayLevelFactor()
    // the display level, twice that while a window/level drag moves over a large image (the drag
    // level: a quarter of the display level's pixels to pass through the lookup table and upload
    // each step; the full resolution once the window rests).
    int shownFactor() const;

Q_SIGNALS:
    void fullResolutionShown();                    // the full-resolution rendering is ready and drawn next
    void activated();                              // pressed: becomes the active viewport
    void frameRequested(int frame);                // the state moved to another frame
    void seriesDropped(const QByteArray &seriesKey);
    void cursorTextChanged(const QString &text);

protected:
    void prepareScene() override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Geometry {
        double sx = 1, sy = 1;         // world units per image pixel (mm when the spacing is known)
        double cx = 0, cy = 0;         // image centre in world coordinates
        double pixelsPerWorld = 1;     // logical pixels per world unit
        double focalX = 0, focalY = 0; // world point at the viewport centre
    };
    Geometry geometry() const;
    double fittedZoom() const;
    void onStateChanged(ViewportState::Changes changes);
    imaging::DisplayOptions displayOptions() const;
    void refreshDisplay();
    void scheduleFullResolution();
    bool draggingWindow() const; // a left-button window/level drag is in progress
    void startFullResolution();
    void updateOverlay();
    QPointF orient(const QPointF &world, const Geometry &g, bool inverse) const;
    void computePresets();

    struct Private;
    Private *d;
    ViewportState *m_state;
    std::shared_ptr<const imaging::Image> m_image;
    OverlayInfo m_info;
    Overlay m_overlay;
    Measurements m_measurements;
    QVector<imaging::WindowLevel> m_presets;
    imaging::WindowLevel m_defaultWindow;
    double m_windowStep = 1.0;
    bool m_active = false;
    bool m_synthetic = false;
    QString m_syntheticDetail;
    QString m_placeholder;

    // Drag in progress
    Qt::MouseButton m_dragButton = Qt::NoButton;
    enum class DragMode { None, Window, Pan, Zoom, Measure } m_dragMode = DragMode::None;
    QPointF m_pressPosition;
    QPointF m_lastPosition;
    QString m_cursorText;
};

} // namespace radsynth::ui
