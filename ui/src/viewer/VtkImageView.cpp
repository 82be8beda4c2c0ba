#include "radsynth/ui/VtkImageView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <QWheelEvent>

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
    : QOpenGLWidget(parent), d(new Private)
{
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
    // Release VTK's GL resources while Qt's context is still alive.
    if (m_initialized && context()) {
        makeCurrent();
        d->window->Finalize();
        doneCurrent();
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
            makeCurrent();
        break;
    case vtkCommand::WindowIsCurrentEvent:
        if (callData)
            *static_cast<bool *>(callData) = context() && QOpenGLContext::currentContext() == context();
        break;
    case vtkCommand::WindowFrameEvent:
        // A render started outside paintGL (e.g. by a VTK widget) must reach the screen.
        if (!m_inPaint)
            update();
        break;
    default:
        break;
    }
}

void VtkImageView::initializeGL()
{
    d->window->SetOwnContext(false);
    d->window->SetFrameBlitModeToBlitToCurrent();
    d->window->OpenGLInitContext();
    d->window->SetReadyForRendering(true);
    const QSize size = deviceSize();
    d->window->SetSize(size.width(), size.height());
    d->interactor->SetSize(size.width(), size.height());
    d->interactor->Initialize();
    m_initialized = true;
}

void VtkImageView::resizeGL(int, int)
{
    const QSize size = deviceSize();
    d->window->SetSize(size.width(), size.height());
    d->interactor->SetSize(size.width(), size.height());
    d->interactor->InvokeEvent(vtkCommand::ConfigureEvent, nullptr);
}

void VtkImageView::paintGL()
{
    if (!m_initialized)
        return;
    m_inPaint = true;
    const QSize size = deviceSize();
    if (d->window->GetSize()[0] != size.width() || d->window->GetSize()[1] != size.height())
        d->window->SetSize(size.width(), size.height());
    prepareScene();
    d->window->SetIsCurrent(true);
    // Qt changed GL state since VTK's last frame: make VTK forget its cached state.
    vtkOpenGLState *state = d->window->GetState();
    state->Reset();
    state->Push();
    d->window->Render();
    state->Pop();
    m_inPaint = false;
    ++m_renderCount;
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
    QOpenGLWidget::keyPressEvent(event);
}

void VtkImageView::keyReleaseEvent(QKeyEvent *event)
{
    forwardKey(event, false);
    QOpenGLWidget::keyReleaseEvent(event);
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
