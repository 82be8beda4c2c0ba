#pragma once
// The Qt 6 <-> VTK bridge (BUILD-NOTES pitfall 1): a widget that drives a
// vtkGenericOpenGLRenderWindow on an OpenGL context of its own. VTK's Qt module is Qt 5 only in
// Debian 12, so this replaces QVTKOpenGLNativeWidget. Qt mouse and key events are forwarded to a
// vtkGenericRenderWindowInteractor, so VTK observers and widgets see them too.
//
// VTK renders into an offscreen framebuffer; the frame is read back and painted like any other
// widget content. The window therefore never needs OpenGL composition: with a QOpenGLWidget, every
// repaint of any widget in the window (a progress bar, a label) made Qt draw the whole window
// through OpenGL, which costs 30-100 ms on a software renderer (issue 25). Reading back one
// viewport costs about a millisecond per megapixel.
//
// Subclasses put their props into renderer() and override prepareScene(), called right before
// every VTK render; to redraw, call update() as for any widget.
#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

class QOffscreenSurface;
class QOpenGLContext;
class QOpenGLFramebufferObject;
class vtkRenderer;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;

namespace radsynth::ui {

class VtkImageView : public QWidget {
    Q_OBJECT
public:
    explicit VtkImageView(QWidget *parent = nullptr);
    ~VtkImageView() override;

    vtkRenderer *renderer() const;
    vtkGenericOpenGLRenderWindow *renderWindow() const;
    vtkGenericRenderWindowInteractor *interactor() const;

    // Size of the drawing surface in device pixels (what VTK renders into).
    QSize deviceSize() const;
    // Number of VTK renders done so far (tests use it to know a frame was drawn).
    int renderCount() const { return m_renderCount; }
    // Renders a frame now and returns it (device pixels; a null image when OpenGL is unavailable).
    QImage grabFramebuffer();

    // The recommended default surface format (GL 3.2 core): set it before QApplication exists.
    static void setDefaultSurfaceFormat();

protected:
    virtual void prepareScene() {}

    void paintEvent(QPaintEvent *event) override;

    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    bool ensureContext();
    bool makeContextCurrent();
    // VTK renders into the framebuffer and the result is read back into m_frame.
    bool renderFrame();
    void onVtkEvent(vtkObject *caller, unsigned long eventId, void *callData);
    void forwardPointer(const QPointF &position, Qt::KeyboardModifiers modifiers, unsigned long vtkEvent, int repeat = 0);
    void forwardKey(QKeyEvent *event, bool press);

    struct Private;
    Private *d;
    std::unique_ptr<QOpenGLContext> m_context;
    std::unique_ptr<QOffscreenSurface> m_surface;
    std::unique_ptr<QOpenGLFramebufferObject> m_framebuffer;
    std::vector<quint32> m_readBack; // bottom-up rows, as OpenGL returns them
    QImage m_frame;
    bool m_contextFailed = false;
    bool m_initialized = false;
    bool m_inPaint = false;
    int m_renderCount = 0;
};

} // namespace radsynth::ui
