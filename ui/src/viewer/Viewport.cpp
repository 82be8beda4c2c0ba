#include "radsynth/ui/Viewport.h"

#include "radsynth/imaging/SyntheticMark.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QThreadPool>
#include <QTimer>
#include <QWheelEvent>

#include <vtkActor2D.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

namespace radsynth::ui {

namespace {
// What a rendering of the image shows: which image, which window (none: the VOI LUT), polarity.
struct DisplayKey {
    quint64 image = 0;
    bool hasWindow = false;
    double center = 0.0;
    double width = 0.0;
    bool invert = false;
    bool operator==(const DisplayKey &other) const
    {
        return image == other.image && hasWindow == other.hasWindow && center == other.center && width == other.width && invert == other.invert;
    }
    bool operator!=(const DisplayKey &other) const { return !(*this == other); }
};

// One rendered picture in the scene: the full-resolution rendering or the display-resolution level.
struct Layer {
    vtkSmartPointer<vtkImageData> pixels = vtkSmartPointer<vtkImageData>::New();
    vtkSmartPointer<vtkImageActor> actor = vtkSmartPointer<vtkImageActor>::New();
    std::optional<DisplayKey> key;
};

// The display pipeline into a VTK array, bottom row first (VTK's y axis points up). Pure: runs on
// the viewport's worker thread for the full resolution. Gray images are written as opaque RGBA
// (R = G = B): VTK's texture and llvmpipe take those bytes as they are. A one-component array is
// converted into a new RGBA array on the GUI thread first (12 ms for the 1400 x 1150 level of a CR),
// and Mesa converts three-component RGB on upload (slower still). The actors are forced opaque, or
// VTK would draw four-component images in the translucent pass.
vtkSmartPointer<vtkUnsignedCharArray> renderForDisplay(const imaging::Image &image, const imaging::DisplayOptions &options)
{
    auto array = vtkSmartPointer<vtkUnsignedCharArray>::New();
    array->SetNumberOfComponents(image.isColor() ? 3 : 4);
    array->SetNumberOfTuples(vtkIdType(image.pixelCount()));
    uint8_t *out = array->GetPointer(0);
    if (image.isColor()) {
        const std::vector<uint8_t> rgb = imaging::renderRgb8(image, options);
        const size_t rowBytes = size_t(image.width) * 3;
        for (int y = 0; y < image.height; ++y)
            std::memcpy(out + size_t(image.height - 1 - y) * rowBytes, rgb.data() + size_t(y) * rowBytes, rowBytes);
    } else {
        imaging::renderGray8Into(image, imaging::makeDisplayLut(image, options), out, true, 4);
    }
    return array;
}

DisplayKey keyFor(const imaging::DisplayOptions &options, quint64 image)
{
    DisplayKey key;
    key.image = image;
    key.hasWindow = options.window.has_value();
    key.center = options.window ? options.window->center : 0.0;
    key.width = options.window ? options.window->width : 0.0;
    key.invert = options.invert;
    return key;
}

// World units per image column and row: millimetres when the spacing is known, else 1.
std::pair<double, double> worldSpacing(const imaging::Image &image)
{
    return image.spacing.valid() ? std::make_pair(image.spacing.columnMm, image.spacing.rowMm) : std::make_pair(1.0, 1.0);
}

// Images below this size are rendered at full resolution at once (a few milliseconds).
constexpr size_t kLevelMinimumPixels = size_t(2) << 20;
// A window drag is "at rest" after this long without a change.
constexpr int kSettleMilliseconds = 150;
} // namespace

struct Viewport::Private {
    Layer full;
    Layer level;
    Layer dragLevel;
    std::shared_ptr<const imaging::Image> levelImage; // the display-resolution level, if any
    int levelFactor = 1;
    // Half the display level's resolution, drawn only while a window/level drag moves (the level's
    // lookup-table pass and upload, a quarter of the pixels); the image rests on the full resolution.
    std::shared_ptr<const imaging::Image> dragLevelImage;
    int shownFactor = 1; // the factor of what the scene shows now (1: the full resolution)
    quint64 imageSerial = 0;
    QThreadPool pool;          // one thread: the full-resolution rendering
    QTimer settle;
    bool jobRunning = false;
    bool warmedUp = false;
    bool borderWarmedUp = false;
    vtkSmartPointer<vtkMatrix4x4> orientation;
    vtkSmartPointer<vtkTextActor> hint;
    vtkSmartPointer<vtkPolyData> border;
    vtkSmartPointer<vtkActor2D> borderActor;
    vtkSmartPointer<vtkTextActor> syntheticBanner;

    void show(const Layer &layer)
    {
        full.actor->SetVisibility(&layer == &full ? 1 : 0);
        level.actor->SetVisibility(&layer == &level ? 1 : 0);
        dragLevel.actor->SetVisibility(&layer == &dragLevel ? 1 : 0);
        shownFactor = &layer == &full ? 1 : &layer == &level ? levelFactor : 2 * levelFactor;
    }
    void hideAll()
    {
        full.actor->SetVisibility(0);
        level.actor->SetVisibility(0);
        dragLevel.actor->SetVisibility(0);
    }
    static void install(Layer &layer, int width, int height, vtkUnsignedCharArray *array, const DisplayKey &key,
                        const double spacing[2], const double origin[2])
    {
        layer.pixels->SetDimensions(width, height, 1);
        layer.pixels->SetSpacing(spacing[0], spacing[1], 1.0);
        layer.pixels->SetOrigin(origin[0], origin[1], 0.0);
        layer.pixels->GetPointData()->SetScalars(array);
        layer.pixels->Modified();
        layer.key = key;
    }
};

Viewport::Viewport(QWidget *parent)
    : VtkImageView(parent), d(new Private), m_state(new ViewportState(this))
{
    setAcceptDrops(true);
    d->orientation = vtkSmartPointer<vtkMatrix4x4>::New();
    for (Layer *layer : {&d->full, &d->level, &d->dragLevel}) {
        layer->actor->GetMapper()->SetInputData(layer->pixels);
        layer->actor->GetProperty()->SetInterpolationTypeToLinear();
        layer->actor->ForceOpaqueOn(); // RGBA pictures, always opaque (see renderForDisplay)
        layer->actor->SetUserMatrix(d->orientation);
        layer->actor->SetVisibility(0);
        renderer()->AddViewProp(layer->actor);
    }
    d->pool.setMaxThreadCount(1);
    d->settle.setSingleShot(true);
    connect(&d->settle, &QTimer::timeout, this, &Viewport::startFullResolution);
    renderer()->SetBackground(0.0, 0.0, 0.0);
    renderer()->SetBackgroundAlpha(1.0); // opaque: Qt composes the widget with its alpha
    renderer()->GetActiveCamera()->ParallelProjectionOn();

    d->hint = vtkSmartPointer<vtkTextActor>::New();
    d->hint->GetTextProperty()->SetColor(0.55, 0.6, 0.65);
    d->hint->GetTextProperty()->SetJustificationToCentered();
    d->hint->GetTextProperty()->SetVerticalJustificationToCentered();
    d->hint->GetTextProperty()->SetFontFamilyToArial();
    renderer()->AddViewProp(d->hint);

    d->border = vtkSmartPointer<vtkPolyData>::New();
    auto borderMapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
    borderMapper->SetInputData(d->border);
    d->borderActor = vtkSmartPointer<vtkActor2D>::New();
    d->borderActor->SetMapper(borderMapper);
    d->borderActor->GetProperty()->SetColor(0.2, 0.55, 1.0);
    d->borderActor->GetProperty()->SetLineWidth(2.0);
    d->borderActor->SetVisibility(0);
    renderer()->AddViewProp(d->borderActor);

    d->syntheticBanner = vtkSmartPointer<vtkTextActor>::New();
    vtkTextProperty *banner = d->syntheticBanner->GetTextProperty();
    banner->SetColor(imaging::kSyntheticOrange.redF(), imaging::kSyntheticOrange.greenF(), imaging::kSyntheticOrange.blueF()); // as the frame
    banner->SetBackgroundColor(0.0, 0.0, 0.0);
    banner->SetBackgroundOpacity(0.75);
    banner->SetFrame(1);
    banner->SetFrameColor(imaging::kSyntheticOrange.redF(), imaging::kSyntheticOrange.greenF(), imaging::kSyntheticOrange.blueF());
    banner->SetFrameWidth(2);
    banner->BoldOn();
    banner->SetFontFamilyToArial();
    banner->SetJustificationToCentered();
    banner->SetVerticalJustificationToTop();
    d->syntheticBanner->SetVisibility(0);
    d->syntheticBanner->PickableOff();

    m_overlay.attach(renderer());
    m_measurements.attach(renderer());
    renderer()->AddViewProp(d->syntheticBanner); // last: drawn over the image and the overlays
    connect(m_state, &ViewportState::changed, this, &Viewport::onStateChanged);
}

Viewport::~Viewport()
{
    // A rendering in flight posts its result to this object: let it finish first.
    d->pool.clear();
    d->pool.waitForDone();
    delete d;
}

void Viewport::setImage(std::shared_ptr<const imaging::Image> image, const OverlayInfo &info, bool keepView)
{
    if (!image || image->empty()) {
        clearImage();
        return;
    }
    m_image = std::move(image);
    m_info = info;
    computePresets();
    m_measurements.setSpacing(m_image->spacing);
    if (!keepView) {
        m_measurements.clear();
        m_state->reset();
    }
    if (m_state->fitToWindow())
        m_state->setFittedZoom(fittedZoom());
    ++d->imageSerial;
    d->full.key.reset();
    d->level.key.reset();
    d->dragLevel.key.reset();
    d->dragLevelImage.reset();
    d->settle.stop();
    // The display-resolution level: the largest power-of-two reduction that still gives at least
    // one level pixel per device pixel at the fitted zoom.
    d->levelFactor = 1;
    d->levelImage.reset();
    const double devicePixelsPerImagePixel = fittedZoom() * devicePixelRatioF();
    if (m_image->pixelCount() >= kLevelMinimumPixels && devicePixelsPerImagePixel > 0.0) {
        while (d->levelFactor < 64 && 2.0 * d->levelFactor * devicePixelsPerImagePixel <= 1.0)
            d->levelFactor *= 2;
        if (d->levelFactor > 1)
            d->levelImage = std::make_shared<const imaging::Image>(imaging::reducedForDisplay(*m_image, d->levelFactor));
        // The drag level, from the level (a 2 x 2 mean of 2 x 2 means), when the level is large
        // enough for its pass and upload to show in a frame's time (a quarter megapixel and more).
        if (d->levelImage && d->levelImage->pixelCount() >= kLevelMinimumPixels / 8)
            d->dragLevelImage = std::make_shared<const imaging::Image>(imaging::reducedForDisplay(*d->levelImage, 2));
    }
    if (d->levelImage)
        startFullResolution(); // on the worker, while the GUI thread draws the level
    update();
}

void Viewport::clearImage()
{
    if (!m_image && m_measurements.count() == 0 && m_state->frameCount() <= 1)
        return; // already empty: no new frame (a study opening clears every viewport)
    m_image.reset();
    m_info = OverlayInfo();
    m_presets.clear();
    m_measurements.clear();
    m_state->setFrameCount(1);
    ++d->imageSerial;
    d->full.key.reset();
    d->level.key.reset();
    d->dragLevel.key.reset();
    d->levelImage.reset();
    d->dragLevelImage.reset();
    d->levelFactor = 1;
    d->settle.stop();
    update();
}

void Viewport::computePresets()
{
    m_presets.clear();
    if (m_image->isColor()) {
        m_defaultWindow = imaging::WindowLevel{127.5, 256.0, "RGB"};
        m_windowStep = 1.0;
        return;
    }
    int fileIndex = 0;
    for (imaging::WindowLevel window : m_image->windows) {
        ++fileIndex;
        if (window.name.empty())
            window.name = tr("File window %1").arg(fileIndex).toStdString();
        m_presets.append(window);
    }
    const imaging::WindowStatistics statistics = imaging::windowStatistics(*m_image); // one pass over the pixels
    const imaging::WindowLevel automatic = statistics.percentile;
    const imaging::WindowLevel full = statistics.fullRange;
    m_presets.append({automatic.center, automatic.width, tr("Auto (1-99%)").toStdString()});
    m_presets.append({full.center, full.width, tr("Full range").toStdString()});
    m_presets.append({automatic.center, std::max(1.0, automatic.width * 0.6), tr("High contrast").toStdString()});
    m_presets.append({automatic.center, automatic.width * 1.6, tr("Low contrast").toStdString()});
    while (m_presets.size() > 5)
        m_presets.removeLast();
    m_defaultWindow = m_image->windows.empty() ? automatic : m_image->windows.front();
    m_windowStep = std::max(full.width / 512.0, 1e-3);
}

bool Viewport::applyWindowPreset(int index)
{
    if (index < 0 || index >= m_presets.size())
        return false;
    m_state->setWindow(m_presets.at(index).center, m_presets.at(index).width);
    return true;
}

std::optional<imaging::WindowLevel> Viewport::effectiveWindow() const
{
    if (m_state->hasWindow())
        return imaging::WindowLevel{m_state->windowCenter(), m_state->windowWidth(), {}};
    if (m_image && m_image->voiLut && !m_image->voiLut->table.empty())
        return std::nullopt;
    return m_defaultWindow;
}

// ---- geometry ------------------------------------------------------------------------------

Viewport::Geometry Viewport::geometry() const
{
    Geometry g;
    if (!m_image)
        return g;
    std::tie(g.sx, g.sy) = worldSpacing(*m_image);
    g.cx = (m_image->width - 1) * g.sx / 2.0;
    g.cy = (m_image->height - 1) * g.sy / 2.0;
    const double zoom = m_state->fitToWindow() ? fittedZoom() : m_state->zoom();
    g.pixelsPerWorld = zoom / g.sx;
    g.focalX = g.cx - m_state->pan().x() / g.pixelsPerWorld;
    g.focalY = g.cy + m_state->pan().y() / g.pixelsPerWorld;
    return g;
}

double Viewport::fittedZoom() const
{
    if (!m_image || width() <= 0 || height() <= 0)
        return 1.0;
    const auto [sx, sy] = worldSpacing(*m_image);
    double w = m_image->width * sx, h = m_image->height * sy;
    if (m_state->rotation() % 2)
        std::swap(w, h);
    const double pixelsPerWorld = std::min(width() / w, height() / h);
    return pixelsPerWorld * sx;
}

double Viewport::pixelsPerImagePixel() const
{
    return m_state->fitToWindow() ? fittedZoom() : m_state->zoom();
}

// Flip, then rotate clockwise (on screen) by quarter turns, about the image centre.
QPointF Viewport::orient(const QPointF &world, const Geometry &g, bool inverse) const
{
    const double fx = m_state->flipHorizontal() ? -1.0 : 1.0;
    const double fy = m_state->flipVertical() ? -1.0 : 1.0;
    double x = world.x() - g.cx, y = world.y() - g.cy;
    const int q = m_state->rotation();
    if (!inverse) {
        x *= fx;
        y *= fy;
        for (int i = 0; i < q; ++i) { // clockwise: (x, y) -> (y, -x)
            const double t = x;
            x = y;
            y = -t;
        }
    } else {
        for (int i = 0; i < q; ++i) { // counter-clockwise: (x, y) -> (-y, x)
            const double t = x;
            x = -y;
            y = t;
        }
        x *= fx;
        y *= fy;
    }
    return QPointF(x + g.cx, y + g.cy);
}

QPointF Viewport::imageToWidget(const QPointF &imagePoint) const
{
    if (!m_image)
        return QPointF();
    const Geometry g = geometry();
    const QPointF world(imagePoint.x() * g.sx, (m_image->height - 1 - imagePoint.y()) * g.sy);
    const QPointF oriented = orient(world, g, false);
    return QPointF(width() / 2.0 + (oriented.x() - g.focalX) * g.pixelsPerWorld,
                   height() / 2.0 - (oriented.y() - g.focalY) * g.pixelsPerWorld);
}

QPointF Viewport::widgetToImage(const QPointF &widgetPoint) const
{
    if (!m_image)
        return QPointF();
    const Geometry g = geometry();
    const QPointF oriented(g.focalX + (widgetPoint.x() - width() / 2.0) / g.pixelsPerWorld,
                           g.focalY - (widgetPoint.y() - height() / 2.0) / g.pixelsPerWorld);
    const QPointF world = orient(oriented, g, true);
    return QPointF(world.x() / g.sx, (m_image->height - 1) - world.y() / g.sy);
}

QString Viewport::pixelValueText(const QPointF &widgetPoint) const
{
    if (!m_image)
        return QString();
    const QPointF p = widgetToImage(widgetPoint);
    const int x = int(std::lround(p.x())), y = int(std::lround(p.y()));
    if (x < 0 || y < 0 || x >= m_image->width || y >= m_image->height)
        return QString();
    if (m_image->isColor()) {
        const size_t i = (size_t(y) * size_t(m_image->width) + size_t(x)) * 3;
        return tr("X %1 Y %2: RGB %3 %4 %5").arg(x).arg(y).arg(m_image->rgb[i]).arg(m_image->rgb[i + 1]).arg(m_image->rgb[i + 2]);
    }
    const double value = m_image->modalityValueAt(x, y);
    const bool integral = m_image->rescaleSlope == std::floor(m_image->rescaleSlope) && m_image->rescaleIntercept == std::floor(m_image->rescaleIntercept);
    return tr("X %1 Y %2: %3").arg(x).arg(y).arg(value, 0, 'f', integral ? 0 : 2);
}

void Viewport::zoomBy(double factor, const QPointF &anchor)
{
    if (!m_image || factor <= 0.0)
        return;
    const double current = pixelsPerImagePixel();
    const double target = std::clamp(current * factor, 0.01, 64.0);
    factor = target / current;
    const QPointF center(width() / 2.0, height() / 2.0);
    const QPointF imageCenter = center + m_state->pan();
    const QPointF newImageCenter = anchor - factor * (anchor - imageCenter);
    m_state->setZoom(target);
    m_state->setPan(newImageCenter - center);
}

void Viewport::setActualSize()
{
    m_state->setZoom(1.0 / devicePixelRatioF());
}

QString Viewport::syntheticMark() { return tr(imaging::kSyntheticWarning); }

void Viewport::setSynthetic(bool synthetic, const QString &detail)
{
    const QString newDetail = synthetic ? detail : QString();
    if (synthetic == m_synthetic && newDetail == m_syntheticDetail)
        return;
    m_synthetic = synthetic;
    m_syntheticDetail = newDetail;
    update();
}

QString Viewport::syntheticText() const
{
    if (!m_synthetic)
        return QString();
    return m_syntheticDetail.isEmpty() ? syntheticMark() : syntheticMark() + QLatin1Char('\n') + m_syntheticDetail;
}

void Viewport::setPlaceholderText(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    update();
}

QString Viewport::placeholderText() const
{
    return m_placeholder.isEmpty() ? tr("Drop a series here, or open a study (Ctrl+O)") : m_placeholder;
}

void Viewport::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    update();
}

// ---- state -> scene ------------------------------------------------------------------------

void Viewport::onStateChanged(ViewportState::Changes changes)
{
    // A window set at once (a preset, a linked viewport): the full resolution starts now, on the
    // worker, while the GUI thread draws the level. A drag waits until the window rests.
    if ((changes & (ViewportState::WindowChange | ViewportState::InvertChange)) && d->levelImage
        && !draggingWindow())
        startFullResolution();
    if ((changes & (ViewportState::OrientationChange | ViewportState::ZoomChange)) && m_state->fitToWindow() && m_image)
        m_state->setFittedZoom(fittedZoom());
    if (changes & ViewportState::FrameChange)
        Q_EMIT frameRequested(m_state->frame());
    if ((changes & ViewportState::MeasureModeChange) && !m_state->measureMode())
        m_measurements.cancel();
    update();
}

imaging::DisplayOptions Viewport::displayOptions() const
{
    imaging::DisplayOptions options;
    options.window = effectiveWindow();
    options.invert = m_state->invert();
    return options;
}

// The picture for the current state: the full-resolution rendering when it is current; otherwise
// the display-resolution level (rendered here, on the GUI thread, in a few milliseconds) while the
// full resolution is rendered on the worker thread. Small images are rendered at once.
void Viewport::refreshDisplay()
{
    if (!m_image) {
        d->hideAll();
        if (!d->warmedUp) {
            // The empty viewport's first frame draws a black 2 x 2 image on the black background:
            // the OpenGL driver compiles the image shader now, at start, not when the first study
            // opens (on a software renderer that compilation took about 100 ms of the first frame).
            d->warmedUp = true;
            auto black = vtkSmartPointer<vtkUnsignedCharArray>::New();
            black->SetNumberOfValues(4);
            black->FillValue(0);
            const double spacing[2] = {1.0, 1.0}, origin[2] = {0.0, 0.0};
            Private::install(d->full, 2, 2, black, DisplayKey{}, spacing, origin);
            d->full.key.reset();
            d->show(d->full);
        }
        return;
    }
    const imaging::DisplayOptions options = displayOptions();
    const DisplayKey want = keyFor(options, d->imageSerial);
    if (d->full.key == want) {
        d->show(d->full);
        return;
    }
    const auto [sx, sy] = worldSpacing(*m_image);
    if (!d->levelImage) {
        const double spacing[2] = {sx, sy}, origin[2] = {0.0, 0.0};
        Private::install(d->full, m_image->width, m_image->height, renderForDisplay(*m_image, options), want, spacing, origin);
        d->show(d->full);
        return;
    }
    // While a window drag moves: the drag level (half the display level's resolution); otherwise
    // the display level.
    const bool drag = draggingWindow() && d->dragLevelImage;
    Layer &layer = drag ? d->dragLevel : d->level;
    if (layer.key != want) {
        // A level pixel is the mean of a factor x factor block: its centre sits (factor - 1) / 2
        // image pixels in from the block's corner. Rows run bottom-up in VTK.
        const imaging::Image &level = drag ? *d->dragLevelImage : *d->levelImage;
        const int f = drag ? 2 * d->levelFactor : d->levelFactor;
        const double spacing[2] = {sx * f, sy * f};
        const double origin[2] = {(f - 1) / 2.0 * sx, (m_image->height - 1 - ((level.height - 1) * f + (f - 1) / 2.0)) * sy};
        Private::install(layer, level.width, level.height, renderForDisplay(level, options), want, spacing, origin);
    }
    d->show(layer);
    scheduleFullResolution();
}

void Viewport::scheduleFullResolution()
{
    // While a window drag goes on, wait until it rests; otherwise start at once.
    if (draggingWindow())
        d->settle.start(kSettleMilliseconds);
    else if (!d->settle.isActive())
        d->settle.start(0);
}

void Viewport::startFullResolution()
{
    if (!m_image || d->jobRunning)
        return; // a running job re-checks when it ends
    const imaging::DisplayOptions options = displayOptions();
    const DisplayKey want = keyFor(options, d->imageSerial);
    if (d->full.key == want)
        return;
    d->jobRunning = true;
    std::shared_ptr<const imaging::Image> image = m_image;
    d->pool.start([this, image, options, want]() {
        vtkSmartPointer<vtkUnsignedCharArray> pixels = renderForDisplay(*image, options);
        QMetaObject::invokeMethod(this, [this, image, pixels, want]() {
            d->jobRunning = false;
            if (image == m_image && want.image == d->imageSerial) {
                const auto [sx, sy] = worldSpacing(*image);
                const double spacing[2] = {sx, sy}, origin[2] = {0.0, 0.0};
                Private::install(d->full, image->width, image->height, pixels, want, spacing, origin);
            }
            // The window may have moved on meanwhile: prepareScene shows the level and schedules again.
            update();
            if (m_image && !d->settle.isActive() && !draggingWindow())
                d->settle.start(0);
            if (d->full.key == want)
                Q_EMIT fullResolutionShown();
        }, Qt::QueuedConnection);
    });
}

bool Viewport::draggingWindow() const { return m_dragMode == DragMode::Window && m_dragButton != Qt::NoButton; }

bool Viewport::showsFullResolution() const
{
    // The full-resolution rendering of the current state is in the scene: the next frame (every
    // frame from now on, until the state changes) draws it and not the level.
    return m_image && d->full.key == keyFor(displayOptions(), d->imageSerial);
}

std::vector<uint8_t> Viewport::fullResolutionPixels() const
{
    if (!showsFullResolution())
        return {};
    // The scene holds opaque RGBA for a gray pixel (see renderForDisplay); a gray image's rendering
    // is returned as one byte a pixel, renderGray8's layout.
    vtkDataArray *scalars = d->full.pixels->GetPointData()->GetScalars();
    const int stored = scalars->GetNumberOfComponents();
    const int components = m_image->isColor() ? 3 : 1;
    const auto *data = static_cast<const uint8_t *>(scalars->GetVoidPointer(0));
    const size_t width = size_t(m_image->width);
    std::vector<uint8_t> topDown(width * size_t(components) * size_t(m_image->height));
    for (int y = 0; y < m_image->height; ++y) {
        const uint8_t *row = data + size_t(m_image->height - 1 - y) * width * size_t(stored);
        uint8_t *out = topDown.data() + size_t(y) * width * size_t(components);
        if (components == stored)
            std::memcpy(out, row, width * size_t(stored));
        else
            for (size_t x = 0; x < width; ++x)
                out[x] = row[x * size_t(stored)];
    }
    return topDown;
}

int Viewport::displayLevelFactor() const { return d->levelFactor; }

int Viewport::shownFactor() const { return d->shownFactor; }

void Viewport::updateOverlay()
{
    OverlayStatus status;
    if (m_image) {
        const std::optional<imaging::WindowLevel> window = effectiveWindow();
        if (m_image->isColor())
            status.windowText = tr("RGB");
        else if (window)
            status.windowText = tr("W %1 C %2").arg(window->width, 0, 'f', window->width < 10 ? 2 : 0).arg(window->center, 0, 'f', window->width < 10 ? 2 : 0);
        else
            status.windowText = tr("VOI LUT %1").arg(QString::fromStdString(m_image->voiLut->explanation));
        status.zoom = pixelsPerImagePixel() * devicePixelRatioF();
        status.fit = m_state->fitToWindow();
        status.inverted = m_state->invert();
        status.frame = m_state->frame();
        status.frameCount = m_state->frameCount();
        status.imageWidth = m_image->width;
        status.imageHeight = m_image->height;
        const imaging::PixelSpacing &spacing = m_image->spacing;
        if (spacing.valid()) {
            QString calibration;
            switch (spacing.calibration) {
            case imaging::Calibration::AtDetector: calibration = tr("at detector"); break;
            case imaging::Calibration::Calibrated: calibration = tr("calibrated"); break;
            case imaging::Calibration::Unknown: calibration = tr("calibration unknown"); break;
            }
            status.spacingText = tr("Pixel %1 x %2 mm (%3)").arg(spacing.columnMm, 0, 'f', 3).arg(spacing.rowMm, 0, 'f', 3).arg(calibration);
        } else {
            status.spacingText = m_info.generatedAt.isEmpty() ? tr("No pixel spacing") : m_info.generatedAt;
        }
        status.cursorText = m_cursorText;
    }
    m_overlay.update(m_image ? m_info : OverlayInfo(), status);
    m_overlay.setVisible(m_image && m_state->overlaysVisible());
}

void Viewport::prepareScene()
{
    const double dpr = devicePixelRatioF();
    // 13 px text, smaller in narrow viewports (three side by side) so the corners do not collide.
    const int fontSize = int(std::lround(std::clamp(width() / 30.0, 10.0, 13.0) * dpr));
    refreshDisplay();
    d->hint->SetVisibility(m_image ? 0 : 1);
    if (!m_image) {
        d->hint->SetInput(placeholderText().toUtf8().constData());
        d->hint->GetTextProperty()->SetFontSize(fontSize);
        d->hint->SetDisplayPosition(int(width() * dpr / 2), int(height() * dpr / 2));
    } else {
        const Geometry g = geometry();
        // Actor transform: flip and rotate about the image centre (same as orient()).
        const double fx = m_state->flipHorizontal() ? -1.0 : 1.0;
        const double fy = m_state->flipVertical() ? -1.0 : 1.0;
        static const double rotations[4][4] = {{1, 0, 0, 1}, {0, 1, -1, 0}, {-1, 0, 0, -1}, {0, -1, 1, 0}};
        const double *r = rotations[m_state->rotation()];
        const double a00 = r[0] * fx, a01 = r[1] * fy, a10 = r[2] * fx, a11 = r[3] * fy;
        double elements[16];
        vtkMatrix4x4::Identity(elements);
        elements[0] = a00;
        elements[1] = a01;
        elements[4] = a10;
        elements[5] = a11;
        elements[3] = g.cx - (a00 * g.cx + a01 * g.cy);
        elements[7] = g.cy - (a10 * g.cx + a11 * g.cy);
        if (!std::equal(elements, elements + 16, d->orientation->GetData())) { // only on a change
            d->orientation->DeepCopy(elements);
            d->full.actor->Modified();
            d->level.actor->Modified();
        }

        vtkCamera *camera = renderer()->GetActiveCamera();
        camera->ParallelProjectionOn();
        camera->SetFocalPoint(g.focalX, g.focalY, 0.0);
        camera->SetPosition(g.focalX, g.focalY, 1000.0);
        camera->SetViewUp(0.0, 1.0, 0.0);
        camera->SetParallelScale(height() / 2.0 / g.pixelsPerWorld);
        camera->SetClippingRange(1.0, 2000.0);
    }

    const double h = height();
    m_measurements.updateProps([&](const QPointF &imagePoint) {
        const QPointF w = imageToWidget(imagePoint);
        return QPointF(w.x() * dpr, (h - w.y()) * dpr);
    }, fontSize);

    auto points = vtkSmartPointer<vtkPoints>::New();
    auto lines = vtkSmartPointer<vtkCellArray>::New();
    const double W = width() * dpr - 1, H = height() * dpr - 1;
    const double corners[5][2] = {{1, 1}, {W, 1}, {W, H}, {1, H}, {1, 1}};
    vtkIdType ids[5];
    for (int i = 0; i < 5; ++i)
        ids[i] = points->InsertNextPoint(corners[i][0], corners[i][1], 0.0);
    lines->InsertNextCell(5, ids);
    d->border->SetPoints(points);
    d->border->SetLines(lines);
    // The frame: blue for the active viewport; a synthetic viewport always has a wide orange frame
    // (wider still while active), so it reads as synthetic even with the overlays hidden.
    if (m_synthetic) {
        d->borderActor->GetProperty()->SetColor(imaging::kSyntheticOrange.redF(), imaging::kSyntheticOrange.greenF(), imaging::kSyntheticOrange.blueF());
        d->borderActor->GetProperty()->SetLineWidth(float((m_active ? 7.0 : 5.0) * dpr));
    } else {
        d->borderActor->GetProperty()->SetColor(0.2, 0.55, 1.0);
        d->borderActor->GetProperty()->SetLineWidth(2.0);
    }
    d->borderActor->SetVisibility(m_active || m_synthetic ? 1 : 0);
    if (!d->borderWarmedUp) {
        // The first frame draws the frame in black on the black background (unseen): the OpenGL
        // driver compiles its shader now, not in the frame that shows the first study (11 ms on a
        // software renderer). The next frame sets the colour and visibility above.
        d->borderWarmedUp = true;
        if (!m_active && !m_synthetic) {
            d->borderActor->GetProperty()->SetColor(0.0, 0.0, 0.0);
            d->borderActor->SetVisibility(1);
        }
    }

    // The synthetic banner is independent of the overlay toggle: it cannot be hidden.
    d->syntheticBanner->SetVisibility(m_synthetic ? 1 : 0);
    if (m_synthetic) {
        d->syntheticBanner->SetInput(syntheticText().toUtf8().constData());
        // Fits narrow viewports (three side by side next to the docks): about 30 characters wide.
        const double bannerPoints = std::clamp(width() / 19.0, 9.0, 18.0);
        d->syntheticBanner->GetTextProperty()->SetFontSize(int(std::lround(bannerPoints * dpr)));
        d->syntheticBanner->SetDisplayPosition(int(width() * dpr / 2), int(height() * dpr - 58 * dpr));
    }

    m_overlay.setFontSize(fontSize);
    m_overlay.setViewportSize(int(std::lround(width() * dpr)), int(std::lround(height() * dpr)));
    updateOverlay();
}

void Viewport::resizeEvent(QResizeEvent *event)
{
    VtkImageView::resizeEvent(event);
    if (m_image && m_state->fitToWindow())
        m_state->setFittedZoom(fittedZoom());
}

// ---- interaction ---------------------------------------------------------------------------

void Viewport::mousePressEvent(QMouseEvent *event)
{
    VtkImageView::mousePressEvent(event);
    Q_EMIT activated();
    setFocus(Qt::MouseFocusReason);
    if (!m_image || m_dragButton != Qt::NoButton)
        return;
    m_dragButton = event->button();
    m_pressPosition = m_lastPosition = event->position();
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    if (event->button() == Qt::LeftButton && m_state->measureMode()) {
        m_dragMode = DragMode::Measure;
        m_measurements.begin(widgetToImage(event->position()));
    } else if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && shift)) {
        m_dragMode = DragMode::Pan;
    } else if (event->button() == Qt::LeftButton) {
        m_dragMode = m_image->isColor() ? DragMode::None : DragMode::Window;
        if (m_dragMode == DragMode::Window && !m_state->hasWindow()) {
            const imaging::WindowLevel start = effectiveWindow().value_or(m_defaultWindow);
            m_state->setWindow(start.center, start.width);
        }
    } else if (event->button() == Qt::RightButton) {
        m_dragMode = DragMode::Zoom;
    } else {
        m_dragMode = DragMode::None;
    }
    update();
}

void Viewport::mouseMoveEvent(QMouseEvent *event)
{
    VtkImageView::mouseMoveEvent(event);
    const QPointF position = event->position();
    const QPointF delta = position - m_lastPosition;
    m_lastPosition = position;
    switch (m_dragMode) {
    case DragMode::Window:
        // Right: wider window (less contrast); down: higher centre (darker).
        m_state->setWindow(m_state->windowCenter() + delta.y() * m_windowStep,
                           std::max(m_windowStep, m_state->windowWidth() + delta.x() * m_windowStep));
        break;
    case DragMode::Pan:
        m_state->setPan(m_state->pan() + delta);
        break;
    case DragMode::Zoom:
        zoomBy(std::exp(-delta.y() * 0.01), m_pressPosition);
        break;
    case DragMode::Measure:
        m_measurements.moveEnd(widgetToImage(position));
        update();
        break;
    case DragMode::None:
        break;
    }
    const QString text = pixelValueText(position);
    if (text != m_cursorText) {
        m_cursorText = text;
        Q_EMIT cursorTextChanged(text);
        update();
    }
}

void Viewport::mouseReleaseEvent(QMouseEvent *event)
{
    VtkImageView::mouseReleaseEvent(event);
    if (event->button() != m_dragButton)
        return;
    if (m_dragMode == DragMode::Measure) {
        m_measurements.moveEnd(widgetToImage(event->position()));
        m_measurements.finish();
    }
    if (m_dragMode == DragMode::Window && d->settle.isActive())
        d->settle.start(0); // the window rests: full resolution now
    m_dragButton = Qt::NoButton;
    m_dragMode = DragMode::None;
    update();
}

void Viewport::wheelEvent(QWheelEvent *event)
{
    VtkImageView::wheelEvent(event);
    const int steps = event->angleDelta().y();
    if (!m_image || steps == 0)
        return;
    zoomBy(std::pow(1.1, steps / 120.0), event->position());
    event->accept();
}

void Viewport::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && (m_measurements.isDrawing() || m_state->measureMode())) {
        if (m_measurements.isDrawing())
            m_measurements.cancel();
        else
            m_state->setMeasureMode(false);
        m_dragMode = DragMode::None;
        m_dragButton = Qt::NoButton;
        update();
        event->accept();
        return;
    }
    VtkImageView::keyPressEvent(event);
}

void Viewport::leaveEvent(QEvent *event)
{
    VtkImageView::leaveEvent(event);
    if (!m_cursorText.isEmpty()) {
        m_cursorText.clear();
        Q_EMIT cursorTextChanged(m_cursorText);
        update();
    }
}

void Viewport::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(kSeriesMimeType)))
        event->acceptProposedAction();
}

void Viewport::dropEvent(QDropEvent *event)
{
    const QByteArray key = event->mimeData()->data(QString::fromLatin1(kSeriesMimeType));
    if (key.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT activated();
    Q_EMIT seriesDropped(key);
}

} // namespace radsynth::ui
