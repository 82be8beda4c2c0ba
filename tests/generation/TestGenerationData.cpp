// Standard-library parts of the model library: JSON, SHA-256, tokenizer, model configuration, the
// training reports' sentence set.
#include "radsynth/generation/Json.h"
#include "radsynth/generation/ModelConfig.h"
#include "radsynth/generation/PriorStudy.h"
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/generation/Sha256.h"
#include "radsynth/generation/Tokenizer.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <iterator>

using namespace radsynth::generation;

class TestGenerationData : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sha256_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("abc") << QByteArray("abc") << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("two blocks") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                    << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("million a") << QByteArray(1000000, 'a') << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    }
    void sha256()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, digest);
        QCOMPARE(QString::fromStdString(sha256Hex(input.constData(), size_t(input.size()))), digest);
    }

    void jsonRoundTrip()
    {
        Json j = Json::object();
        j.set("name", "x \"quoted\"\n\xC3\xA9");
        j.set("n", 1.5);
        j.set("big", (long long)1234567890123LL);
        Json a = Json::array();
        a.push(Json(true));
        a.push(Json());
        a.push(Json(-3));
        j.set("list", a);
        Json back;
        std::string error;
        QVERIFY(Json::parse(j.dump(), back, &error));
        QCOMPARE(back["name"].toString(), j["name"].toString());
        QCOMPARE(back["n"].toNumber(), 1.5);
        QCOMPARE(back["big"].toNumber(), 1234567890123.0);
        QCOMPARE(back["list"].size(), size_t(3));
        QVERIFY(back["list"].at(0).toBool());
        QVERIFY(back["list"].at(1).isNull());
        QCOMPARE(back["list"].at(2).toInt(), -3);
        QVERIFY(back["missing"].isNull());
        QVERIFY(Json::parse("{\"u\": \"\\u00e9\\ud83d\\ude00\"}", back, &error));
        QCOMPARE(back["u"].toString(), std::string("\xC3\xA9\xF0\x9F\x98\x80"));
    }

    // Found by fuzz_manifest under UBSan (issue 24, finding 6): "resolution": 1e20 was converted
    // to int (undefined behaviour; on x86 it became INT_MIN). Out-of-range numbers now give the
    // fallback, and a configuration's sizes must be whole numbers within int's range.
    void jsonIntegersOutOfRange()
    {
        QCOMPARE(Json(1e20).toInt(7), 7);
        QCOMPARE(Json(-1e20).toInt(7), 7);
        QCOMPARE(Json(2147483648.0).toInt(7), 7);
        QCOMPARE(Json(2147483647.0).toInt(7), 2147483647);
        QCOMPARE(Json(-3.7).toInt(), -3);
        QCOMPARE(Json(1e19).toInt64(-1), -1LL);
        QCOMPARE(Json(1e18).toInt64(-1), 1000000000000000000LL);
        QVERIFY(Json(32).isInt());
        QVERIFY(!Json(32.5).isInt());
        QVERIFY(!Json(1e20).isInt());
        QVERIFY(!Json("32").isInt());
        for (const char *field : {"resolution", "unet_base", "heads"})
            for (double bad : {1e20, -1e300, 32.5}) {
                Json config = ModelConfig::fromPreset("tiny").value().toJson();
                config.set(field, bad);
                QVERIFY2(!ModelConfig::fromJson(config).isOk(), field);
            }
        Json channels = ModelConfig::fromPreset("tiny").value().toJson();
        Json list = Json::array();
        for (double v : {16.0, 32.0, 1e20, 32.0})
            list.push(Json(v));
        channels.set("autoencoder_channels", list);
        QVERIFY(!ModelConfig::fromJson(channels).isOk());
    }

    void jsonMalformed_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"", "{", "[1,", "{\"a\" 1}", "{\"a\":}", "[1 2]", "\"open", "tru", "{\"a\":1}x", "[\"\\q\"]", "-", "{1:2}"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
        QTest::newRow("deep") << QString(200, QLatin1Char('['));
    }
    void jsonMalformed()
    {
        QFETCH(QString, text);
        Json out;
        std::string error;
        QVERIFY(!Json::parse(text.toStdString(), out, &error));
        QVERIFY(error.find("offset") != std::string::npos);
    }

    // Sentences end at '.', '?' or '!' before a space or the end, and at line breaks, not inside
    // "1.5 cm"; section headers and list numbers are not sentences; words are compared in lower case
    // whatever the punctuation and spacing ("right-sided" is "right - sided" as the tokenizer
    // writes it).
    void sentenceSetSplitsAndNormalises()
    {
        using V = std::vector<std::string>;
        QCOMPARE(SentenceSet::sentences("Findings: The heart is normal. A 1.5 cm nodule?\nImpression: 1. Right-sided  effusion!"),
                 (V{"the heart is normal", "a 1 5 cm nodule", "right sided effusion"}));
        QCOMPARE(SentenceSet::sentences("FINDINGS:\n\nIMPRESSION: No acute disease"), (V{"no acute disease"}));
        QCOMPARE(SentenceSet::sentences("The findings: stable. 2. 3."), (V{"the findings stable"})); // "findings" not a header here
        QCOMPARE(SentenceSet::sentences(""), V{});

        const SentenceSet set = SentenceSet::fromReports({"Findings: No pneumothorax. Right-sided effusion.", "No pneumothorax."});
        QCOMPARE(set.size(), size_t(2));
        QVERIFY(set.contains("no pneumothorax"));
        QVERIFY(!set.contains("no pneumothorax seen"));
        QCOMPARE(set.novelSentences("impression: right - sided effusion. no pneumothorax."), 0);
        QCOMPARE(set.novelSentences("No pneumothorax. Heart normal contour difficult. Heart normal contour difficult."), 2);
        QCOMPARE(set.novelSentenceTexts("Findings: No pneumothorax.  Heart normal contour difficult.\nImpression: Right sided effusion!"),
                 (V{"Heart normal contour difficult."}));
        QCOMPARE(set.novelSentenceTexts("IMPRESSION:  Small effusion"), (V{"Small effusion"}));
    }

    // Sentences that speak of an earlier study, on the normalised form; "changes", "increased",
    // "new" and "resolution" alone do not.
    void sentencesSpeakingOfAnEarlierStudy()
    {
        for (const char *earlier : {"Stable cardiomegaly.", "This is unchanged as compared to the prior study.", "Left base opacities again noted.",
                                    "Interval improvement.", "The mediastinum remains normal.", "No change.", "Patient's known hiatal hernia.",
                                    "Redemonstrated azygos lobe."}) {
            const auto s = SentenceSet::sentences(earlier);
            QCOMPARE(s.size(), size_t(1));
            QVERIFY2(refersToEarlierStudy(s.front()), earlier);
        }
        for (const char *single : {"Mild degenerative changes of the thoracic spine.", "Increased AP diameter.", "No new consolidation.",
                                   "High resolution CT may help.", "The heart is normal in size.", "Lung volumes are decreased."}) {
            const auto s = SentenceSet::sentences(single);
            QCOMPARE(s.size(), size_t(1));
            QVERIFY2(!refersToEarlierStudy(s.front()), single);
        }
    }

    // The file round-trips; a file that is not one, cut short, or not sorted is refused with a
    // message naming it, never read as a smaller set.
    void sentenceSetFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("report_sentences.bin")).toStdString();
        const SentenceSet set = SentenceSet::fromReports({"No pneumothorax. Normal heart size.", "Lungs are clear."});
        QVERIFY(set.save(path).isOk());
        auto loaded = SentenceSet::load(path);
        QVERIFY2(loaded.isOk(), loaded.message().c_str());
        QCOMPARE(loaded->size(), size_t(3));
        QVERIFY(loaded->contains("lungs are clear"));

        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto write = [&](const std::string &content) { std::ofstream(path, std::ios::binary | std::ios::trunc) << content; };
        std::string swapped = bytes; // the first two hashes in the wrong order
        std::swap_ranges(swapped.begin() + 16, swapped.begin() + 24, swapped.begin() + 24);
        const std::vector<std::pair<std::string, std::string>> bad = {
            {bytes.substr(0, bytes.size() - 3), "size does not match"},
            {"not a sentence file at all", "not a RadSynth training-sentence file"},
            {swapped, "not sorted"},
        };
        for (const auto &[content, why] : bad) {
            write(content);
            auto refused = SentenceSet::load(path);
            QVERIFY(!refused.isOk());
            QVERIFY2(refused.message().find(why) != std::string::npos && refused.message().find(path) != std::string::npos, refused.message().c_str());
        }
        QVERIFY(!SentenceSet::load(path + ".absent").isOk());
    }

    void tokenizerSplit()
    {
        auto tokens = Tokenizer::split("Heart size is normal. XXXX-year-old, effusion (small); 2.5 cm");
        const std::vector<std::string> expected{"heart", "size", "is", "normal", ".", "xxxx", "-", "year", "-", "old", ",", "effusion",
                                                "(", "small", ")", ";", "2.5", "cm"};
        QCOMPARE(tokens, expected);
    }

    void tokenizerVocabulary()
    {
        Tokenizer t;
        t.build({"The heart is normal.", "The lungs are clear.", "The heart is enlarged. Rare word."}, 2);
        QCOMPARE(t.token(0), std::string("<pad>"));
        QVERIFY(t.id("heart") > 3);
        QCOMPARE(t.id("rare"), int(Tokenizer::kUnk)); // seen once
        auto ids = t.encode("The heart is normal.", 64);
        QCOMPARE(ids.front(), int(Tokenizer::kBos));
        QCOMPARE(ids.back(), int(Tokenizer::kEos));
        QCOMPARE(t.decode(ids), std::string("The heart is <unk>."));
        // Hyphens, apostrophes and slashes join the words either side again.
        Tokenizer joined;
        joined.build({"Right-sided effusion on today's film, tortuous/ectatic aorta.", "Right-sided effusion on today's film, tortuous/ectatic aorta."}, 2);
        QCOMPARE(joined.decode(joined.encode("right-sided effusion on today's film, tortuous/ectatic aorta.", 64)),
                 std::string("Right-sided effusion on today's film, tortuous/ectatic aorta."));
        QCOMPARE(int(t.encode("the the the the the the", 4).size()), 4);

        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("vocab.txt")).toStdString();
        QVERIFY(t.save(path).isOk());
        Tokenizer loaded;
        QVERIFY(loaded.load(path).isOk());
        QCOMPARE(loaded.size(), t.size());
        QCOMPARE(loaded.encode("the lungs are clear.", 64), t.encode("the lungs are clear.", 64));
        {
            std::FILE *f = std::fopen(path.c_str(), "w");
            std::fputs("hello\nworld\n", f);
            std::fclose(f);
        }
        Status bad = loaded.load(path);
        QVERIFY(!bad.isOk());
        QVERIFY(bad.message().find("<pad>") != std::string::npos);
    }

    void presets()
    {
        for (const char *name : {"default", "tiny", "paper"}) {
            auto c = ModelConfig::fromPreset(name);
            QVERIFY2(c.isOk(), c.message().c_str());
            QVERIFY(c->validate().isOk());
            auto back = ModelConfig::fromJson(c->toJson());
            QVERIFY(back.isOk());
            QCOMPARE(back->toJson().dump(), c->toJson().dump());
        }
        QVERIFY(!ModelConfig::fromPreset("huge").isOk());
        auto paper = ModelConfig::fromPreset("paper").value();
        QCOMPARE(paper.resolution, 256);
        QCOMPARE(paper.unetBase, 320);
        QCOMPARE(paper.contextDim, 768);
        QCOMPARE(paper.unetMultipliers, (std::vector<int>{1, 2, 4, 4}));
        ModelConfig broken = ModelConfig::fromPreset("default").value();
        broken.resolution = 100;
        QVERIFY(!broken.validate().isOk());
        QVERIFY(!ModelConfig::fromJson(Json("nonsense")).isOk());
        // New bundles condition the UNets spatially and give the report generator its own
        // encoder; a manifest written before those fields existed reads as without them.
        auto fresh = ModelConfig::fromPreset("default").value();
        QVERIFY(fresh.spatialCondition && fresh.reportImageEncoder);
        Json old = Json::object();
        const Json current = fresh.toJson();
        for (const auto &[key, value] : current.members())
            if (key != "spatial_condition" && key != "report_image_encoder")
                old.set(key, value);
        auto legacy = ModelConfig::fromJson(old);
        QVERIFY2(legacy.isOk(), legacy.message().c_str());
        QVERIFY(!legacy->spatialCondition && !legacy->reportImageEncoder);
    }
};

QTEST_APPLESS_MAIN(TestGenerationData)
#include "TestGenerationData.moc"
