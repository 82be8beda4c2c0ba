#pragma once
// The interaction state of one viewport (Slicer style: the widget only renders from it).
// Window, zoom, pan, orientation, inversion, frame and overlay visibility live here; a
// ViewportLinker propagates the linked parts between viewports, so linked views cannot disagree.
#include <QFlags>
#include <QObject>
#include <QPointF>
#include <QVector>

namespace radsynth::ui {

class ViewportState : public QObject {
    Q_OBJECT
public:
    enum Change {
        WindowChange = 0x1,
        ZoomChange = 0x2,
        PanChange = 0x4,
        OrientationChange = 0x8,
        InvertChange = 0x10,
        FrameChange = 0x20,
        OverlayChange = 0x40,
        MeasureModeChange = 0x80,
        AllChanges = 0xFF
    };
    Q_DECLARE_FLAGS(Changes, Change)

    explicit ViewportState(QObject *parent = nullptr);

    // Window in modality units. hasWindow() false: the image's own default (VOI LUT, the file's
    // first window, else a percentile window).
    bool hasWindow() const { return m_hasWindow; }
    double windowCenter() const { return m_windowCenter; }
    double windowWidth() const { return m_windowWidth; }
    void setWindow(double center, double width);
    void clearWindow();

    // Zoom: screen (logical) pixels per image pixel. fitToWindow(): recomputed from the view size.
    bool fitToWindow() const { return m_fit; }
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);               // leaves fit mode
    void setFitToWindow(bool fit);
    void setFittedZoom(double zoom);         // the viewport reports the fitted zoom (no fit change)

    // Pan: where the image centre sits relative to the viewport centre, in logical pixels.
    QPointF pan() const { return m_pan; }
    void setPan(const QPointF &pan);

    // Orientation: applied as flip first, then rotation (clockwise quarter turns).
    int rotation() const { return m_rotation; } // 0..3
    bool flipHorizontal() const { return m_flipHorizontal; }
    bool flipVertical() const { return m_flipVertical; }
    void setRotation(int quarterTurns);
    void rotateClockwise() { setRotation(m_rotation + 1); }
    void rotateCounterClockwise() { setRotation(m_rotation + 3); }
    void setFlipHorizontal(bool flip);
    void setFlipVertical(bool flip);

    bool invert() const { return m_invert; }
    void setInvert(bool invert);

    int frame() const { return m_frame; }
    int frameCount() const { return m_frameCount; }
    void setFrameCount(int count);
    void setFrame(int frame);                // clamped to [0, frameCount)

    bool overlaysVisible() const { return m_overlaysVisible; }
    void setOverlaysVisible(bool visible);

    bool measureMode() const { return m_measureMode; }
    void setMeasureMode(bool on);

    // Back to the image's defaults: its own window, fit, no flips, no rotation, not inverted.
    void reset();

    // Copy the given parts from another state (used by the linker); emits one changed().
    void copyFrom(const ViewportState &other, Changes parts);

Q_SIGNALS:
    void changed(radsynth::ui::ViewportState::Changes changes);

private:
    void notify(Changes changes);

    bool m_hasWindow = false;
    double m_windowCenter = 0.0;
    double m_windowWidth = 1.0;
    bool m_fit = true;
    double m_zoom = 1.0;
    QPointF m_pan;
    int m_rotation = 0;
    bool m_flipHorizontal = false;
    bool m_flipVertical = false;
    bool m_invert = false;
    int m_frame = 0;
    int m_frameCount = 1;
    bool m_overlaysVisible = true;
    bool m_measureMode = false;
};

// Keeps the linked parts (zoom, pan, window by default) of several viewports equal while enabled.
class ViewportLinker : public QObject {
    Q_OBJECT
public:
    explicit ViewportLinker(QObject *parent = nullptr);

    void addState(ViewportState *state);
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    ViewportState::Changes linkedParts() const { return m_parts; }
    void setLinkedParts(ViewportState::Changes parts) { m_parts = parts; }
    // Which viewports take part: a hidden viewport (layout) is left out.
    void setParticipating(ViewportState *state, bool participating);

Q_SIGNALS:
    void enabledChanged(bool enabled);

private:
    void propagate(ViewportState *source, ViewportState::Changes changes);

    QVector<ViewportState *> m_states;
    QVector<ViewportState *> m_excluded;
    ViewportState::Changes m_parts {ViewportState::WindowChange, ViewportState::ZoomChange, ViewportState::PanChange};
    bool m_enabled = false;
    bool m_propagating = false;
};

} // namespace radsynth::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(radsynth::ui::ViewportState::Changes)
