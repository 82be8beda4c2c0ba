#include "radsynth/ui/VtkImageView.h"

#include <algorithm>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFramebufferObject>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QSurfaceFormat>
#include <QWheelEvent>
#include <spdlog/spdlog.h>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleUser.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

namespace radsynth::ui {

struct VtkImageView::Private {
    vtkSmartPointer<vtkGenericOpenGLRenderWindow> window;
    vtkSmartPointer<vtkRenderer> renderer;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor;
    vtkSmartPointer<vtkCallbackCommand> callback;
};

void VtkImageView::setDefaultSurfaceFormat()
{
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
}

VtkImageView::VtkImageView(QWidget *parent)
    : QWidget(parent), d(new Private)
{
    // Every pixel is painted from the frame: nothing under it needs drawing first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    d->window = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
    d->renderer = vtkSmartPointer<vtkRenderer>::New();
    d->window->AddRenderer(d->renderer);
    d->window->SetMultiSamples(0);

    d->interactor = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
    d->interactor->SetRenderWindow(d->window);
    d->interactor->EnableRenderOff(); // Qt decides when to paint
    // A style that does nothing: interaction state lives in the widget's model, not in VTK.
    d->interactor->SetInteractorStyle(vtkSmartPointer<vtkInteractorStyleUser>::New());

    d->callback = vtkSmartPointer<vtkCallbackCommand>::New();
    d->callback->SetClientData(this);
    d->callback->SetCallback([](vtkObject *caller, unsigned long eventId, void *clientData, void *callData) {
        static_cast<VtkImageView *>(clientData)->onVtkEvent(caller, eventId, callData);
    });
    d->window->AddObserver(vtkCommand::WindowMakeCurrentEvent, d->callback);
    d->window->AddObserver(vtkCommand::WindowIsCurrentEvent, d->callback);
    d->window->AddObserver(vtkCommand::WindowFrameEvent, d->callback);
}

VtkImageView::~VtkImageView()
{
    // Release VTK's GL resources while the context is still alive.
    if (m_context && makeContextCurrent()) {
        if (m_initialized)
            d->window->Finalize();
        m_framebuffer.reset();
        m_context->doneCurrent();
    }
    d->window->RemoveObserver(d->callback);
    delete d;
}

vtkRenderer *VtkImageView::renderer() const { return d->renderer; }
vtkGenericOpenGLRenderWindow *VtkImageView::renderWindow() const { return d->window; }
vtkGenericRenderWindowInteractor *VtkImageView::interactor() const { return d->interactor; }

QSize VtkImageView::deviceSize() const
{
    const qreal dpr = devicePixelRatioF();
    return QSize(qRound(width() * dpr), qRound(height() * dpr));
}

void VtkImageView::onVtkEvent(vtkObject *, unsigned long eventId, void *callData)
{
    switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
        if (!m_inPaint)
            makeContextCurrent();
        break;
    case vtkCommand::WindowIsCurrentEvent:
        if (callData)
            *static_cast<bool *>(callData) = m_context && QOpenGLContext::currentContext() == m_context.get();
        break;
    case vtkCommand::WindowFrameEvent:
        // A render started outside paintEvent (e.g. by a VTK widget) must reach the screen.
        if (!m_inPaint)
            update();
        break;
    default:
        break;
    }
}

bool VtkImageView::ensureContext()
{
    if (m_context)
        return true;
    if (m_contextFailed)
        return false;
    auto context = std::make_unique<QOpenGLContext>();
    context->setFormat(QSurfaceFormat::defaultFormat());
    if (QOpenGLContext *shared = QOpenGLContext::globalShareContext())
        context->setShareContext(shared);
    auto surface = std::make_unique<QOffscreenSurface>();
    if (context->create()) {
        surface->setFormat(context->format());
        surface->create();
    }
    if (!context->isValid() || !surface->isValid() || !context->makeCurrent(surface.get())) {
        m_contextFailed = true; // once: the viewport stays black rather than retrying every frame
        spdlog::error("viewer: no OpenGL {}.{} context; images cannot be displayed", QSurfaceFormat::defaultFormat().majorVersion(),
                      QSurfaceFormat::defaultFormat().minorVersion());
        return false;
    }
    m_context = std::move(context);
    m_surface = std::move(surface);
    return true;
}

bool VtkImageView::makeContextCurrent()
{
    if (!m_context || !m_context->makeCurrent(m_surface.get()))
        return false;
    if (m_framebuffer)
        m_framebuffer->bind();
    return true;
}

bool VtkImageView::renderFrame()
{
    const QSize size = deviceSize();
    if (size.isEmpty() || !ensureContext() || !makeContextCurrent())
        return false;
    // The framebuffer only grows, in steps of 128 pixels: VTK blits its frame into the lower-left
    // corner and the read-back takes that corner, so a smaller widget (a dock appearing, a splitter
    // moved) keeps it. Creating one costs 8-9 ms on a software renderer.
    if (!m_framebuffer || m_framebuffer->width() < size.width() || m_framebuffer->height() < size.height()) {
        const auto roundUp = [](int value) { return (value + 127) / 128 * 128; };
        const QSize allocated(roundUp(std::max(size.width(), m_framebuffer ? m_framebuffer->width() : 0)),
                              roundUp(std::max(size.height(), m_framebuffer ? m_framebuffer->height() : 0)));
        m_framebuffer.reset();
        m_framebuffer = std::make_unique<QOpenGLFramebufferObject>(allocated, QOpenGLFramebufferObject::CombinedDepthStencil);
        if (!m_framebuffer->isValid()) {
            m_framebuffer.reset();
            return false;
        }
        m_framebuffer->bind();
    }
    if (!m_initialized) {
        d->window->SetOwnContext(false);
        // VTK draws into its own buffers and blits the result into the framebuffer bound here.
        d->window->SetFrameBlitModeToBlitToCurrent();
        d->window->OpenGLInitContext();
        d->window->SetReadyForRendering(true);
        d->window->SetSize(size.width(), size.height());
        d->interactor->SetSize(size.width(), size.height());
        d->interactor->Initialize();
        m_initialized = true;
    } else if (d->window->GetSize()[0] != size.width() || d->window->GetSize()[1] != size.height()) {
        d->window->SetSize(size.width(), size.height());
        d->interactor->SetSize(size.width(), size.height());
        d->interactor->InvokeEvent(vtkCommand::ConfigureEvent, nullptr);
    }

    m_inPaint = true;
    prepareScene();
    m_framebuffer->bind();
    d->window->SetIsCurrent(true);
    // Another context may have changed GL state since VTK's last frame: make VTK forget its cache.
    vtkOpenGLState *state = d->window->GetState();
    state->Reset();
    state->Push();
    d->window->Render();
    state->Pop();
    m_inPaint = false;

    // Read the frame back (bottom-up RGBA rows) into a top-down opaque RGB32 image.
    m_framebuffer->bind();
    QOpenGLFunctions *gl = m_context->functions();
    const int w = size.width(), h = size.height();
    m_readBack.resize(size_t(w) * size_t(h));
    gl->glPixelStorei(GL_PACK_ALIGNMENT, 4);
    gl->glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, m_readBack.data());
    if (m_frame.size() != size || m_frame.format() != QImage::Format_RGB32)
        m_frame = QImage(size, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y) {
        const quint32 *source = m_readBack.data() + size_t(h - 1 - y) * size_t(w);
        auto *target = reinterpret_cast<quint32 *>(m_frame.scanLine(y));
        for (int x = 0; x < w; ++x) {
            // Bytes R, G, B, A in memory (little-endian 0xAABBGGRR) to 0xFFRRGGBB.
            const quint32 v = source[x];
            target[x] = 0xff000000u | ((v & 0xffu) << 16) | (v & 0xff00u) | ((v >> 16) & 0xffu);
        }
    }
    m_frame.setDevicePixelRatio(devicePixelRatioF());
    ++m_renderCount;
    return true;
}

QImage VtkImageView::grabFramebuffer()
{
    if (!renderFrame())
        return {};
    QImage frame = m_frame;
    frame.setDevicePixelRatio(1.0);
    return frame;
}

void VtkImageView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (renderFrame())
        painter.drawImage(QPointF(0, 0), m_frame);
    else
        painter.fillRect(rect(), Qt::black);
}

void VtkImageView::forwardPointer(const QPointF &position, Qt::KeyboardModifiers modifiers, unsigned long vtkEvent, int repeat)
{
    const qreal dpr = devicePixelRatioF();
    d->interactor->SetEventInformationFlipY(int(position.x() * dpr), int(position.y() * dpr),
        (modifiers & Qt::ControlModifier) ? 1 : 0, (modifiers & Qt::ShiftModifier) ? 1 : 0, 0, repeat);
    d->interactor->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
    d->interactor->InvokeEvent(vtkEvent, nullptr);
}

void VtkImageView::mousePressEvent(QMouseEvent *event)
{
    unsigned long id = vtkCommand::NoEvent;
    switch (event->button()) {
    case Qt::LeftButton: id = vtkCommand::LeftButtonPressEvent; break;
    case Qt::MiddleButton: id = vtkCommand::MiddleButtonPressEvent; break;
    case Qt::RightButton: id = vtkCommand::RightButtonPressEvent; break;
    default: break;
    }
    if (id != vtkCommand::NoEvent)
        forwardPointer(event->position(), event->modifiers(), id);
}

void VtkImageView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        forwardPointer(event->position(), event->modifiers(), vtkCommand::LeftButtonPressEvent, 1);
}

void VtkImageView::mouseReleaseEvent(QMouseEvent *event)
{
    unsigned long id = vtkCommand::NoEvent;
    switch (event->button()) {
    case Qt::LeftButton: id = vtkCommand::LeftButtonReleaseEvent; break;
    case Qt::MiddleButton: id = vtkCommand::MiddleButtonReleaseEvent; break;
    case Qt::RightButton: id = vtkCommand::RightButtonReleaseEvent; break;
    default: break;
    }
    if (id != vtkCommand::NoEvent)
        forwardPointer(event->position(), event->modifiers(), id);
}

void VtkImageView::mouseMoveEvent(QMouseEvent *event)
{
    forwardPointer(event->position(), event->modifiers(), vtkCommand::MouseMoveEvent);
}

void VtkImageView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta != 0)
        forwardPointer(event->position(), event->modifiers(),
            delta > 0 ? vtkCommand::MouseWheelForwardEvent : vtkCommand::MouseWheelBackwardEvent);
}

void VtkImageView::forwardKey(QKeyEvent *event, bool press)
{
    const QByteArray text = event->text().toLatin1();
    const char keyCode = text.isEmpty() ? 0 : text.at(0);
    const QPoint cursor = mapFromGlobal(QCursor::pos());
    const qreal dpr = devicePixelRatioF();
    const Qt::KeyboardModifiers modifiers = event->modifiers();
    d->interactor->SetEventInformationFlipY(int(cursor.x() * dpr), int(cursor.y() * dpr),
        (modifiers & Qt::ControlModifier) ? 1 : 0, (modifiers & Qt::ShiftModifier) ? 1 : 0, keyCode,
        event->count(), text.constData());
    d->interactor->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
    d->interactor->InvokeEvent(press ? vtkCommand::KeyPressEvent : vtkCommand::KeyReleaseEvent, nullptr);
    if (press && keyCode)
        d->interactor->InvokeEvent(vtkCommand::CharEvent, nullptr);
}

void VtkImageView::keyPressEvent(QKeyEvent *event)
{
    forwardKey(event, true);
    QWidget::keyPressEvent(event);
}

void VtkImageView::keyReleaseEvent(QKeyEvent *event)
{
    forwardKey(event, false);
    QWidget::keyReleaseEvent(event);
}

void VtkImageView::enterEvent(QEnterEvent *event)
{
    forwardPointer(event->position(), Qt::NoModifier, vtkCommand::EnterEvent);
}

void VtkImageView::leaveEvent(QEvent *)
{
    d->interactor->InvokeEvent(vtkCommand::LeaveEvent, nullptr);
}

} // namespace radsynth::ui
