// The view heuristic (mirror symmetry) on real frontal films (../shared/data/real-cxr, 275 normal
// PA radiographs): a lone frontal must be called frontal. Skips when the data is absent.
#include "DatasetsInternal.h"

#include <QDir>
#include <QTest>

#include <algorithm>

using namespace radsynth::datasets;

class TestViewHeuristicReal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realFrontalsAreSymmetric();
};

void TestViewHeuristicReal::realFrontalsAreSymmetric()
{
    const QString folder = QStringLiteral(RADSYNTH_SHARED_DATA_DIR) + "/real-cxr/openist-normal-pa";
    const QStringList files = QDir(folder).entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QSKIP("the real frontal radiographs are not available (../shared/data/real-cxr)");
    std::vector<double> scores;
    for (const QString &name : files)
        scores.push_back(detail::mirrorSymmetry((folder + "/" + name).toStdString()));
    std::sort(scores.begin(), scores.end());
    const size_t below = size_t(std::count_if(scores.begin(), scores.end(), [](double s) { return s < detail::kFrontalSymmetryThreshold; }));
    qInfo("mirror symmetry of %zu real frontals: min %.3f, 5th percentile %.3f, median %.3f; %zu below the threshold %.2f",
          scores.size(), scores.front(), scores[scores.size() / 20], scores[scores.size() / 2], below, detail::kFrontalSymmetryThreshold);
    QVERIFY(scores.front() > -2.0); // every file decoded
    QVERIFY2(below * 50 <= scores.size(), "more than 2 % of real frontal films would be called lateral");
}

QTEST_GUILESS_MAIN(TestViewHeuristicReal)
#include "tst_view_heuristic_real.moc"
