#pragma once
// Small dataset folders in each layout, written by the tests (real PNG/JPEG files via OpenCV, real
// XML/CSV/JSON/text files), so that detection, listing and preprocessing run on real files.
#include <QDir>
#include <QFile>
#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <string>

namespace fixtures {

inline bool writeText(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(content) == content.size();
}

// A frontal-like film: bright body, two dark lungs placed symmetrically, a bright mediastinum.
inline cv::Mat frontalImage(int width, int height, int depth = CV_8U)
{
    cv::Mat image(height, width, CV_32F, cv::Scalar(0.15));
    cv::ellipse(image, {width / 2, height / 2}, {int(width * 0.45), int(height * 0.47)}, 0, 0, 360, cv::Scalar(0.8), -1);
    cv::ellipse(image, {int(width * 0.30), int(height * 0.45)}, {int(width * 0.13), int(height * 0.30)}, 0, 0, 360, cv::Scalar(0.3), -1);
    cv::ellipse(image, {int(width * 0.70), int(height * 0.45)}, {int(width * 0.13), int(height * 0.30)}, 0, 0, 360, cv::Scalar(0.3), -1);
    cv::rectangle(image, cv::Rect(int(width * 0.47), int(height * 0.1), int(width * 0.06), int(height * 0.8)), cv::Scalar(0.95), -1);
    cv::Mat out;
    image.convertTo(out, depth, depth == CV_16U ? 65535.0 : 255.0);
    return out;
}

// A lateral-like film: one lung field shifted forward, the spine as a bright band at the back.
inline cv::Mat lateralImage(int width, int height, int depth = CV_8U)
{
    cv::Mat image(height, width, CV_32F, cv::Scalar(0.15));
    cv::ellipse(image, {int(width * 0.5), height / 2}, {int(width * 0.4), int(height * 0.47)}, 0, 0, 360, cv::Scalar(0.75), -1);
    cv::ellipse(image, {int(width * 0.40), int(height * 0.45)}, {int(width * 0.22), int(height * 0.32)}, 0, 0, 360, cv::Scalar(0.3), -1);
    cv::rectangle(image, cv::Rect(int(width * 0.72), int(height * 0.05), int(width * 0.1), int(height * 0.9)), cv::Scalar(0.95), -1);
    cv::Mat out;
    image.convertTo(out, depth, depth == CV_16U ? 65535.0 : 255.0);
    return out;
}

inline bool writeImage(const QString &path, const cv::Mat &image)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    return cv::imwrite(path.toStdString(), image);
}

inline QByteArray openIXml(const QString &uid, const QString &findings, const QString &impression, const QStringList &imageIds)
{
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<eCitation>\n   <meta type=\"rr\"/>\n   <uId id=\"" +
                     uid.toUtf8() + "\"/>\n   <MedlineCitation><Article><Abstract>\n"
                     "      <AbstractText Label=\"COMPARISON\">None.</AbstractText>\n"
                     "      <AbstractText Label=\"INDICATION\">Cough</AbstractText>\n";
    if (!findings.isNull())
        xml += "      <AbstractText Label=\"FINDINGS\">" + findings.toUtf8() + "</AbstractText>\n";
    else
        xml += "      <AbstractText Label=\"FINDINGS\"/>\n";
    xml += "      <AbstractText Label=\"IMPRESSION\">" + impression.toUtf8() + "</AbstractText>\n";
    xml += "   </Abstract></Article></MedlineCitation>\n   <MeSH><major>normal</major></MeSH>\n";
    for (const QString &id : imageIds)
        xml += "   <parentImage id=\"" + id.toUtf8() + "\">\n      <caption>Xray Chest PA and Lateral</caption>\n"
               "      <panel type=\"single\"><url>/hadoop/storage/radiology/extract/" + id.toUtf8() + ".jpg</url></panel>\n   </parentImage>\n";
    xml += "</eCitation>\n";
    return xml;
}

// IU X-ray, Open-i layout: 3 studies. CXR1 has a frontal and a lateral PNG, CXR2 a frontal and a
// lateral named in the other order, CXR3 has a report and no image files.
inline bool makeIuXray(const QString &root)
{
    bool ok = true;
    ok &= writeText(root + "/ecgen-radiology/1.xml",
                    openIXml("CXR1", "The cardiac silhouette and mediastinum size are within normal limits. There is no pulmonary edema.",
                             "Normal chest x-XXXX.", {"CXR1_1_IM-0001-3001", "CXR1_1_IM-0001-4001"}));
    ok &= writeText(root + "/ecgen-radiology/2.xml",
                    openIXml("CXR2", "Borderline cardiomegaly. Midline sternotomy XXXX.", "No acute pulmonary findings.",
                             {"CXR2_1_IM-0652-1001", "CXR2_1_IM-0652-2001"}));
    ok &= writeText(root + "/ecgen-radiology/3.xml", openIXml("CXR3", QString(), "Small right pleural effusion.", {"CXR3_1_IM-1384-1001"}));
    ok &= writeImage(root + "/NLMCXR_png/CXR1_1_IM-0001-3001.png", frontalImage(120, 100));
    ok &= writeImage(root + "/NLMCXR_png/CXR1_1_IM-0001-4001.png", lateralImage(100, 120));
    ok &= writeImage(root + "/NLMCXR_png/CXR2_1_IM-0652-1001.png", lateralImage(110, 130));
    ok &= writeImage(root + "/NLMCXR_png/CXR2_1_IM-0652-2001.png", frontalImage(130, 110));
    return ok;
}

inline QByteArray r2genSplitJson()
{
    return R"({"train": [{"id": "1", "report": "Normal.", "image_path": ["CXR1_IM-0001-3001.png", "CXR1_IM-0001-4001.png"]}],
  "val": [{"id": "2", "report": "Borderline.", "image_path": ["CXR2_IM-0652-2001.png", "CXR2_IM-0652-1001.png"]}],
  "test": [{"id": "4", "image_path": ["CXR4_IM-2050-1001.png", "CXR4_IM-2050-2001.png"], "split": "test"}]})";
}

// R2Gen layout: annotation.json + images/<id>/0.png (frontal), 1.png (lateral).
inline bool makeR2Gen(const QString &root)
{
    bool ok = writeText(root + "/annotation.json", R"({
  "train": [{"id": "CXR10_IM-0002", "report": "The heart is normal in size.  The lungs are clear.", "image_path": ["CXR10_IM-0002/0.png", "CXR10_IM-0002/1.png"], "split": "train"},
            {"id": "CXR11_IM-0003", "report": "Right lower lobe opacity.", "image_path": ["CXR11_IM-0003/0.png", "CXR11_IM-0003/1.png"], "split": "train"}],
  "val": [{"id": "CXR12_IM-0004", "report": "No acute disease.", "image_path": ["CXR12_IM-0004/0.png", "CXR12_IM-0004/1.png"], "split": "val"}],
  "test": [{"id": "CXR13_IM-0005", "report": "Stable cardiomegaly.", "image_path": ["CXR13_IM-0005/0.png"], "split": "test"}]
})");
    for (const char *id : {"CXR10_IM-0002", "CXR11_IM-0003", "CXR12_IM-0004", "CXR13_IM-0005"}) {
        ok &= writeImage(root + "/images/" + id + "/0.png", frontalImage(96, 96));
        if (QString(id) != "CXR13_IM-0005")
            ok &= writeImage(root + "/images/" + id + "/1.png", lateralImage(96, 96));
    }
    return ok;
}

// MIMIC-CXR-JPG layout: two studies of one subject, one of another; s50000001 has PA, AP and
// LATERAL images (the PA must win); s50000003 has only an oblique view and is left out.
inline bool makeMimic(const QString &root)
{
    bool ok = writeText(root + "/mimic-cxr-2.0.0-metadata.csv",
                        "dicom_id,subject_id,study_id,PerformedProcedureStepDescription,ViewPosition,Rows,Columns\n"
                        "d-ap-1,10000032,50000001,\"CHEST (PA AND LAT)\",AP,120,100\n"
                        "d-pa-1,10000032,50000001,\"CHEST (PA AND LAT)\",PA,120,100\n"
                        "d-lat-1,10000032,50000001,\"CHEST (PA AND LAT)\",LATERAL,120,100\n"
                        "d-pa-2,10000032,50000002,\"CHEST (PORTABLE AP)\",AP,120,100\n"
                        "d-ll-2,10000032,50000002,\"CHEST, \"\"PORTABLE\"\"\",LL,120,100\n"
                        "d-obl-3,11000011,50000003,CHEST,LAO,120,100\n"
                        "d-pa-4,11000011,50000004,CHEST,PA,120,100\n");
    ok &= writeText(root + "/mimic-cxr-2.0.0-split.csv",
                    "dicom_id,study_id,subject_id,split\nd-ap-1,50000001,10000032,train\nd-pa-1,50000001,10000032,train\n"
                    "d-lat-1,50000001,10000032,train\nd-pa-2,50000002,10000032,validate\nd-ll-2,50000002,10000032,validate\n"
                    "d-obl-3,50000003,11000011,test\nd-pa-4,50000004,11000011,test\n");
    ok &= writeText(root + "/files/p10/p10000032/s50000001.txt",
                    "                                 FINAL REPORT\n EXAMINATION:  CHEST (PA AND LAT)\n\n INDICATION:  Cough.\n\n"
                    " FINDINGS:  \n \n There is no focal consolidation, pleural effusion or pneumothorax.\n Heart size is normal.\n \n"
                    " IMPRESSION:  \n \n No acute cardiopulmonary process.\n");
    ok &= writeText(root + "/files/p10/p10000032/s50000002.txt",
                    "                                 FINAL REPORT\n INDICATION:  Dyspnea.\n\n IMPRESSION:  Moderate left pleural effusion.\n");
    const std::pair<const char *, bool> images[] = {{"p10/p10000032/s50000001/d-ap-1", true}, {"p10/p10000032/s50000001/d-pa-1", true},
                                                    {"p10/p10000032/s50000001/d-lat-1", false}, {"p10/p10000032/s50000002/d-pa-2", true},
                                                    {"p10/p10000032/s50000002/d-ll-2", false}, {"p11/p11000011/s50000003/d-obl-3", true},
                                                    {"p11/p11000011/s50000004/d-pa-4", true}};
    for (const auto &[name, frontal] : images)
        ok &= writeImage(root + "/files/" + name + ".jpg", frontal ? frontalImage(100, 120) : lateralImage(100, 120));
    return ok;
}

// RadSynth simulator layout: manifest.jsonl + 16-bit PNGs; findings in three of the accepted forms.
inline bool makeSimulator(const QString &root)
{
    bool ok = writeText(root + "/manifest.jsonl",
                        R"({"id": "sim-000001", "split": "train", "frontal": "png/sim-000001_frontal.png", "lateral": "png/sim-000001_lateral.png", "report": "Enlarged cardiac silhouette.  No effusion.", "findings": [{"observation": "cardiomegaly", "status": "positive", "severity": "moderate"}], "phantom": {"sex": "F", "age": 61}}
{"id": "sim-000002", "split": "val", "images": {"frontal": "png/sim-000002_frontal.png", "lateral": "png/sim-000002_lateral.png"}, "report": {"findings": "Left pleural effusion.", "impression": "Effusion."}, "findings": {"pleural_effusion": {"side": "left", "severity": "small"}, "support_devices": {"status": "uncertain"}}}

{"study_id": "sim-000003", "split": "test", "frontal_path": "png/sim-000003_frontal.png", "report_text": "Normal chest.", "findings": []}
)");
    for (const char *name : {"sim-000001_frontal", "sim-000002_frontal", "sim-000003_frontal"})
        ok &= writeImage(root + "/png/" + name + ".png", frontalImage(64, 64, CV_16U));
    for (const char *name : {"sim-000001_lateral", "sim-000002_lateral"})
        ok &= writeImage(root + "/png/" + name + ".png", lateralImage(64, 64, CV_16U));
    return ok;
}

} // namespace fixtures
