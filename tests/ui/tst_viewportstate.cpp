// ViewportState (the viewport's model) and ViewportLinker.
#include "radsynth/ui/ViewportState.h"

#include <QSignalSpy>
#include <QTest>

using radsynth::ui::ViewportLinker;
using radsynth::ui::ViewportState;

class TestViewportState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void settersEmitOnlyOnChange();
    void rotationWraps_data();
    void rotationWraps();
    void frameIsClamped();
    void resetRestoresDefaults();
    void linkerPropagatesLinkedPartsOnly();
    void linkerDisabledOrExcluded();
    void fitIsLinkedAsAFlag();
};

void TestViewportState::settersEmitOnlyOnChange()
{
    ViewportState state;
    QSignalSpy spy(&state, &ViewportState::changed);
    state.setWindow(40, 400);
    state.setWindow(40, 400);
    state.setInvert(true);
    state.setInvert(true);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(0).value<ViewportState::Changes>(), ViewportState::Changes(ViewportState::WindowChange));
    QVERIFY(state.hasWindow());
    QCOMPARE(state.windowWidth(), 400.0);
    state.setZoom(2.0);
    QVERIFY(!state.fitToWindow());
    QCOMPARE(state.zoom(), 2.0);
    state.setZoom(1e9);
    QCOMPARE(state.zoom(), 64.0); // clamped
}

void TestViewportState::rotationWraps_data()
{
    QTest::addColumn<int>("turns");
    QTest::addColumn<int>("expected");
    QTest::newRow("0") << 0 << 0;
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("4") << 4 << 0;
    QTest::newRow("-1") << -1 << 3;
    QTest::newRow("7") << 7 << 3;
}

void TestViewportState::rotationWraps()
{
    QFETCH(int, turns);
    QFETCH(int, expected);
    ViewportState state;
    state.setRotation(turns);
    QCOMPARE(state.rotation(), expected);
}

void TestViewportState::frameIsClamped()
{
    ViewportState state;
    state.setFrameCount(3);
    state.setFrame(5);
    QCOMPARE(state.frame(), 2);
    state.setFrame(-2);
    QCOMPARE(state.frame(), 0);
    state.setFrame(2);
    state.setFrameCount(2);
    QCOMPARE(state.frame(), 1);
}

void TestViewportState::resetRestoresDefaults()
{
    ViewportState state;
    state.setWindow(1, 2);
    state.setZoom(3);
    state.setPan(QPointF(10, 20));
    state.rotateClockwise();
    state.setFlipHorizontal(true);
    state.setInvert(true);
    state.reset();
    QVERIFY(!state.hasWindow());
    QVERIFY(state.fitToWindow());
    QCOMPARE(state.pan(), QPointF());
    QCOMPARE(state.rotation(), 0);
    QVERIFY(!state.flipHorizontal());
    QVERIFY(!state.invert());
}

void TestViewportState::linkerPropagatesLinkedPartsOnly()
{
    ViewportState a, b, c;
    ViewportLinker linker;
    linker.addState(&a);
    linker.addState(&b);
    linker.addState(&c);
    linker.setEnabled(true);
    a.setWindow(100, 50);
    a.setZoom(2.5);
    a.setPan(QPointF(5, -7));
    a.setInvert(true); // not a linked part
    for (ViewportState *other : {&b, &c}) {
        QVERIFY(other->hasWindow());
        QCOMPARE(other->windowCenter(), 100.0);
        QCOMPARE(other->windowWidth(), 50.0);
        QCOMPARE(other->zoom(), 2.5);
        QCOMPARE(other->pan(), QPointF(5, -7));
        QVERIFY(!other->invert());
    }
    // And back from another viewport.
    c.setWindow(10, 20);
    QCOMPARE(a.windowCenter(), 10.0);
    QCOMPARE(b.windowWidth(), 20.0);
}

void TestViewportState::linkerDisabledOrExcluded()
{
    ViewportState a, b, c;
    ViewportLinker linker;
    linker.addState(&a);
    linker.addState(&b);
    linker.addState(&c);
    a.setWindow(1, 2);
    QVERIFY(!b.hasWindow()); // disabled by default
    linker.setEnabled(true);
    linker.setParticipating(&c, false);
    a.setWindow(3, 4);
    QCOMPARE(b.windowCenter(), 3.0);
    QVERIFY(!c.hasWindow());
    c.setWindow(9, 9); // an excluded viewport does not drive the others either
    QCOMPARE(a.windowCenter(), 3.0);
}

void TestViewportState::fitIsLinkedAsAFlag()
{
    ViewportState a, b;
    ViewportLinker linker;
    linker.addState(&a);
    linker.addState(&b);
    linker.setEnabled(true);
    b.setFittedZoom(0.3);
    a.setZoom(2.0);
    QVERIFY(!b.fitToWindow());
    a.setFitToWindow(true);
    QVERIFY(b.fitToWindow());
    a.setFittedZoom(0.7); // each view's fitted zoom is its own
    QCOMPARE(b.zoom(), 2.0);
}

QTEST_GUILESS_MAIN(TestViewportState)
#include "tst_viewportstate.moc"
