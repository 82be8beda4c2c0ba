#pragma once
// The Qt 6 <-> VTK bridge (BUILD-NOTES pitfall 1): a QOpenGLWidget that drives a
// vtkGenericOpenGLRenderWindow on Qt's own OpenGL context. VTK's Qt module is Qt 5 only in
// Debian 12, so this replaces QVTKOpenGLNativeWidget. Qt mouse and key events are forwarded to a
// vtkGenericRenderWindowInteractor, so VTK observers and widgets see them too.
//
// Subclasses put their props into renderer() and override prepareScene(), called right before
// every VTK render inside paintGL(); to redraw, call update() as for any widget.
#include <QOpenGLWidget>

class vtkRenderer;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;

namespace radsynth::ui {

class VtkImageView : public QOpenGLWidget {
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

    // The recommended default surface format (GL 3.2 core): set it before QApplication exists.
    static void setDefaultSurfaceFormat();

protected:
    virtual void prepareScene() {}

    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

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
    void onVtkEvent(vtkObject *caller, unsigned long eventId, void *callData);
    void forwardPointer(const QPointF &position, Qt::KeyboardModifiers modifiers, unsigned long vtkEvent, int repeat = 0);
    void forwardKey(QKeyEvent *event, bool press);

    struct Private;
    Private *d;
    bool m_initialized = false;
    bool m_inPaint = false;
    int m_renderCount = 0;
};

} // namespace radsynth::ui
