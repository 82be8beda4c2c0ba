#include "radsynth/ui/ViewportState.h"

#include <algorithm>
#include <cmath>

namespace radsynth::ui {

namespace {
constexpr double kMinimumZoom = 0.01;
constexpr double kMaximumZoom = 64.0;
} // namespace

ViewportState::ViewportState(QObject *parent) : QObject(parent) {}

void ViewportState::notify(Changes changes)
{
    if (changes)
        Q_EMIT changed(changes);
}

void ViewportState::setWindow(double center, double width)
{
    width = std::max(1e-6, width);
    if (m_hasWindow && center == m_windowCenter && width == m_windowWidth)
        return;
    m_hasWindow = true;
    m_windowCenter = center;
    m_windowWidth = width;
    notify(WindowChange);
}

void ViewportState::clearWindow()
{
    if (!m_hasWindow)
        return;
    m_hasWindow = false;
    notify(WindowChange);
}

void ViewportState::setZoom(double zoom)
{
    zoom = std::clamp(zoom, kMinimumZoom, kMaximumZoom);
    if (!m_fit && zoom == m_zoom)
        return;
    m_fit = false;
    m_zoom = zoom;
    notify(ZoomChange);
}

void ViewportState::setFitToWindow(bool fit)
{
    if (m_fit == fit)
        return;
    m_fit = fit;
    notify(ZoomChange);
}

void ViewportState::setFittedZoom(double zoom)
{
    zoom = std::clamp(zoom, kMinimumZoom, kMaximumZoom);
    if (std::abs(zoom - m_zoom) < 1e-12)
        return;
    m_zoom = zoom;
    notify(ZoomChange);
}

void ViewportState::setPan(const QPointF &pan)
{
    if (pan == m_pan)
        return;
    m_pan = pan;
    notify(PanChange);
}

void ViewportState::setRotation(int quarterTurns)
{
    quarterTurns = ((quarterTurns % 4) + 4) % 4;
    if (quarterTurns == m_rotation)
        return;
    m_rotation = quarterTurns;
    notify(OrientationChange);
}

void ViewportState::setFlipHorizontal(bool flip)
{
    if (flip == m_flipHorizontal)
        return;
    m_flipHorizontal = flip;
    notify(OrientationChange);
}

void ViewportState::setFlipVertical(bool flip)
{
    if (flip == m_flipVertical)
        return;
    m_flipVertical = flip;
    notify(OrientationChange);
}

void ViewportState::setInvert(bool invert)
{
    if (invert == m_invert)
        return;
    m_invert = invert;
    notify(InvertChange);
}

void ViewportState::setFrameCount(int count)
{
    count = std::max(1, count);
    Changes changes;
    if (count != m_frameCount) {
        m_frameCount = count;
        changes |= FrameChange;
    }
    if (m_frame >= m_frameCount) {
        m_frame = m_frameCount - 1;
        changes |= FrameChange;
    }
    notify(changes);
}

void ViewportState::setFrame(int frame)
{
    frame = std::clamp(frame, 0, m_frameCount - 1);
    if (frame == m_frame)
        return;
    m_frame = frame;
    notify(FrameChange);
}

void ViewportState::setOverlaysVisible(bool visible)
{
    if (visible == m_overlaysVisible)
        return;
    m_overlaysVisible = visible;
    notify(OverlayChange);
}

void ViewportState::setMeasureMode(bool on)
{
    if (on == m_measureMode)
        return;
    m_measureMode = on;
    notify(MeasureModeChange);
}

void ViewportState::reset()
{
    Changes changes;
    if (m_hasWindow) {
        m_hasWindow = false;
        changes |= WindowChange;
    }
    if (!m_fit) {
        m_fit = true;
        changes |= ZoomChange;
    }
    if (!m_pan.isNull()) {
        m_pan = QPointF();
        changes |= PanChange;
    }
    if (m_rotation || m_flipHorizontal || m_flipVertical) {
        m_rotation = 0;
        m_flipHorizontal = m_flipVertical = false;
        changes |= OrientationChange;
    }
    if (m_invert) {
        m_invert = false;
        changes |= InvertChange;
    }
    notify(changes);
}

void ViewportState::copyFrom(const ViewportState &other, Changes parts)
{
    Changes changes;
    if ((parts & WindowChange) && (other.m_hasWindow != m_hasWindow || other.m_windowCenter != m_windowCenter || other.m_windowWidth != m_windowWidth)) {
        m_hasWindow = other.m_hasWindow;
        m_windowCenter = other.m_windowCenter;
        m_windowWidth = other.m_windowWidth;
        changes |= WindowChange;
    }
    if ((parts & ZoomChange) && (other.m_fit != m_fit || (!other.m_fit && other.m_zoom != m_zoom))) {
        m_fit = other.m_fit;
        if (!m_fit)
            m_zoom = other.m_zoom;
        changes |= ZoomChange;
    }
    if ((parts & PanChange) && other.m_pan != m_pan) {
        m_pan = other.m_pan;
        changes |= PanChange;
    }
    if ((parts & OrientationChange) && (other.m_rotation != m_rotation || other.m_flipHorizontal != m_flipHorizontal || other.m_flipVertical != m_flipVertical)) {
        m_rotation = other.m_rotation;
        m_flipHorizontal = other.m_flipHorizontal;
        m_flipVertical = other.m_flipVertical;
        changes |= OrientationChange;
    }
    if ((parts & InvertChange) && other.m_invert != m_invert) {
        m_invert = other.m_invert;
        changes |= InvertChange;
    }
    if ((parts & OverlayChange) && other.m_overlaysVisible != m_overlaysVisible) {
        m_overlaysVisible = other.m_overlaysVisible;
        changes |= OverlayChange;
    }
    notify(changes);
}

ViewportLinker::ViewportLinker(QObject *parent) : QObject(parent) {}

void ViewportLinker::addState(ViewportState *state)
{
    if (!state || m_states.contains(state))
        return;
    m_states.append(state);
    connect(state, &ViewportState::changed, this, [this, state](ViewportState::Changes changes) { propagate(state, changes); });
    connect(state, &QObject::destroyed, this, [this, state] {
        m_states.removeAll(state);
        m_excluded.removeAll(state);
    });
}

void ViewportLinker::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    Q_EMIT enabledChanged(enabled);
}

void ViewportLinker::setParticipating(ViewportState *state, bool participating)
{
    m_excluded.removeAll(state);
    if (!participating)
        m_excluded.append(state);
}

void ViewportLinker::propagate(ViewportState *source, ViewportState::Changes changes)
{
    if (!m_enabled || m_propagating || m_excluded.contains(source))
        return;
    ViewportState::Changes parts = changes & m_parts;
    // A fitted zoom follows from each view's own size: copyFrom() copies the fit flag only.
    if (!parts)
        return;
    m_propagating = true;
    for (ViewportState *target : std::as_const(m_states))
        if (target != source && !m_excluded.contains(target))
            target->copyFrom(*source, parts);
    m_propagating = false;
}

} // namespace radsynth::ui
