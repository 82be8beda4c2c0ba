#include "radsynth/pacs/StudyDatabase.h"

#include "radsynth/dicom/Loader.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>
#include <QVariant>

#include <spdlog/spdlog.h>

namespace radsynth::pacs {

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

std::string s(const QVariant &value)
{
    return value.toString().toStdString();
}

Error sqlError(const QSqlError &error, const std::string &what)
{
    return makeError("study database: " + what + " failed: " + error.text().toStdString());
}

const char *const kSchema[] = {
    "PRAGMA foreign_keys = ON",
    "CREATE TABLE IF NOT EXISTS patients ("
    " id INTEGER PRIMARY KEY, patient_id TEXT NOT NULL, patient_name TEXT NOT NULL,"
    " birth_date TEXT, sex TEXT, UNIQUE(patient_id, patient_name))",
    "CREATE TABLE IF NOT EXISTS studies ("
    " id INTEGER PRIMARY KEY, patient_ref INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
    " study_uid TEXT NOT NULL UNIQUE, study_date TEXT, study_time TEXT, accession TEXT, description TEXT,"
    " indexed_at TEXT)",
    "CREATE TABLE IF NOT EXISTS series ("
    " id INTEGER PRIMARY KEY, study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,"
    " series_uid TEXT NOT NULL UNIQUE, modality TEXT, series_number INTEGER, description TEXT, body_part TEXT)",
    "CREATE TABLE IF NOT EXISTS instances ("
    " id INTEGER PRIMARY KEY, series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
    " sop_uid TEXT NOT NULL UNIQUE, sop_class_uid TEXT, instance_number INTEGER, transfer_syntax TEXT,"
    " path TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS studies_date ON studies(study_date)",
    "CREATE INDEX IF NOT EXISTS series_study ON series(study_ref)",
    "CREATE INDEX IF NOT EXISTS instances_series ON instances(series_ref)",
};

// DICOM wildcards to SQL LIKE (escape with '\').
QString likePattern(const std::string &text, bool prefixWhenNoWildcard)
{
    QString out;
    bool wildcard = false;
    for (QChar c : q(text)) {
        if (c == '*') {
            out += '%';
            wildcard = true;
        } else if (c == '?') {
            out += '_';
            wildcard = true;
        } else if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    if (!wildcard && prefixWhenNoWildcard) out += '%';
    return out;
}

} // namespace

StudyDatabase::StudyDatabase()
    : m_connectionName("radsynth-pacs-" + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

StudyDatabase::~StudyDatabase()
{
    close();
}

Status StudyDatabase::open(const std::string &path)
{
    close();
    if (!QSqlDatabase::isDriverAvailable("QSQLITE"))
        return makeError("study database: the Qt SQLite driver is missing (install libqt6sql6-sqlite)");
    const QFileInfo info(q(path));
    if (!QDir().mkpath(info.absolutePath()))
        return makeError("study database: cannot create folder " + info.absolutePath().toStdString());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", m_connectionName);
        db.setDatabaseName(info.absoluteFilePath());
        db.setConnectOptions("QSQLITE_BUSY_TIMEOUT=10000");
        if (!db.open()) {
            const Error error = sqlError(db.lastError(), "opening " + path);
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return error;
        }
        QSqlQuery query(db);
        for (const char *statement : kSchema) {
            if (!query.exec(statement)) {
                const Error error = sqlError(query.lastError(), "creating the tables");
                query = QSqlQuery();
                db.close();
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(m_connectionName);
                return error;
            }
        }
    }
    m_path = info.absoluteFilePath().toStdString();
    return okStatus();
}

bool StudyDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

void StudyDatabase::close()
{
    if (!QSqlDatabase::contains(m_connectionName)) return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
}

std::string StudyDatabase::path() const
{
    return m_path;
}

Result<int> StudyDatabase::indexFiles(const std::vector<std::string> &paths, const std::atomic_bool *cancel)
{
    if (!isOpen()) return makeError("study database: not open");
    dicom::ScanOptions options;
    options.cancel = cancel;
    const dicom::StudyCollection collection = dicom::scan(paths, options);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) return sqlError(db.lastError(), "starting a transaction");
    QSqlQuery patient(db), study(db), series(db), instance(db), lookup(db);
    patient.prepare("INSERT INTO patients(patient_id, patient_name, birth_date, sex) VALUES(?,?,?,?)"
                    " ON CONFLICT(patient_id, patient_name) DO UPDATE SET birth_date=excluded.birth_date, sex=excluded.sex");
    study.prepare("INSERT INTO studies(patient_ref, study_uid, study_date, study_time, accession, description, indexed_at)"
                  " VALUES(?,?,?,?,?,?,datetime('now'))"
                  " ON CONFLICT(study_uid) DO UPDATE SET patient_ref=excluded.patient_ref, study_date=excluded.study_date,"
                  " study_time=excluded.study_time, accession=excluded.accession, description=excluded.description,"
                  " indexed_at=excluded.indexed_at");
    series.prepare("INSERT INTO series(study_ref, series_uid, modality, series_number, description, body_part)"
                   " VALUES(?,?,?,?,?,?) ON CONFLICT(series_uid) DO UPDATE SET study_ref=excluded.study_ref,"
                   " modality=excluded.modality, series_number=excluded.series_number,"
                   " description=excluded.description, body_part=excluded.body_part");
    instance.prepare("INSERT INTO instances(series_ref, sop_uid, sop_class_uid, instance_number, transfer_syntax, path)"
                     " VALUES(?,?,?,?,?,?) ON CONFLICT(sop_uid) DO UPDATE SET series_ref=excluded.series_ref,"
                     " sop_class_uid=excluded.sop_class_uid, instance_number=excluded.instance_number,"
                     " transfer_syntax=excluded.transfer_syntax, path=excluded.path");
    auto idOf = [&lookup](const QString &sql, const QVariantList &values) -> qint64 {
        lookup.prepare(sql);
        for (const QVariant &v : values) lookup.addBindValue(v);
        if (!lookup.exec() || !lookup.next()) return -1;
        return lookup.value(0).toLongLong();
    };
    auto failed = [&db](QSqlQuery &query, const std::string &what) -> Error {
        const Error error = sqlError(query.lastError(), what);
        db.rollback();
        return error;
    };
    int count = 0;
    for (const dicom::Patient &p : collection.patients) {
        patient.addBindValue(q(p.patientId));
        patient.addBindValue(q(p.patientName));
        patient.addBindValue(q(p.birthDate));
        patient.addBindValue(q(p.sex));
        if (!patient.exec()) return failed(patient, "adding a patient");
        const qint64 patientRef = idOf("SELECT id FROM patients WHERE patient_id=? AND patient_name=?",
                                       {q(p.patientId), q(p.patientName)});
        for (const dicom::Study &st : p.studies) {
            if (st.studyInstanceUid.empty()) continue;
            study.addBindValue(patientRef);
            study.addBindValue(q(st.studyInstanceUid));
            study.addBindValue(q(st.studyDate));
            study.addBindValue(q(st.studyTime));
            study.addBindValue(q(st.accessionNumber));
            study.addBindValue(q(st.description));
            if (!study.exec()) return failed(study, "adding a study");
            const qint64 studyRef = idOf("SELECT id FROM studies WHERE study_uid=?", {q(st.studyInstanceUid)});
            for (const dicom::Series &se : st.series) {
                if (se.seriesInstanceUid.empty()) continue;
                series.addBindValue(studyRef);
                series.addBindValue(q(se.seriesInstanceUid));
                series.addBindValue(q(se.modality));
                series.addBindValue(se.seriesNumber);
                series.addBindValue(q(se.description));
                series.addBindValue(q(se.bodyPart));
                if (!series.exec()) return failed(series, "adding a series");
                const qint64 seriesRef = idOf("SELECT id FROM series WHERE series_uid=?", {q(se.seriesInstanceUid)});
                for (const dicom::Instance &in : se.instances) {
                    if (in.sopInstanceUid.empty()) continue;
                    instance.addBindValue(seriesRef);
                    instance.addBindValue(q(in.sopInstanceUid));
                    instance.addBindValue(q(in.sopClassUid));
                    instance.addBindValue(in.instanceNumber);
                    instance.addBindValue(q(in.transferSyntaxUid));
                    instance.addBindValue(QFileInfo(q(in.path)).absoluteFilePath());
                    if (!instance.exec()) return failed(instance, "adding an instance");
                    ++count;
                }
            }
        }
    }
    // Studies moved to another patient (corrected demographics) leave empty patients behind.
    QSqlQuery cleanup(db);
    cleanup.exec("DELETE FROM patients WHERE id NOT IN (SELECT patient_ref FROM studies)");
    if (!db.commit()) return sqlError(db.lastError(), "committing");
    spdlog::info("pacs: indexed {} instances ({} files unreadable)", count, collection.problems.size());
    return count;
}

Result<std::vector<LocalStudy>> StudyDatabase::searchStudies(const LocalQuery &query) const
{
    if (!isOpen()) return makeError("study database: not open");
    QStringList where;
    QVariantList values;
    if (!query.patientName.empty()) {
        where << "p.patient_name LIKE ? ESCAPE '\\'";
        values << likePattern(query.patientName, true);
    }
    if (!query.patientId.empty()) {
        where << "p.patient_id LIKE ? ESCAPE '\\'";
        values << likePattern(query.patientId, false);
    }
    if (!query.dateFrom.empty()) {
        where << "st.study_date >= ?";
        values << q(query.dateFrom);
    }
    if (!query.dateTo.empty()) {
        where << "st.study_date <= ?";
        values << q(query.dateTo);
    }
    if (!query.accessionNumber.empty()) {
        where << "st.accession LIKE ? ESCAPE '\\'";
        values << likePattern(query.accessionNumber, false);
    }
    if (!query.modality.empty()) {
        where << "EXISTS (SELECT 1 FROM series m WHERE m.study_ref = st.id AND upper(m.modality) = upper(?))";
        values << q(query.modality);
    }
    QString sql = "SELECT st.study_uid, p.patient_name, p.patient_id, p.birth_date, p.sex, st.study_date, st.study_time,"
                  " st.accession, st.description,"
                  " (SELECT group_concat(modality, '\\') FROM (SELECT DISTINCT modality FROM series WHERE study_ref = st.id AND modality <> '' ORDER BY modality)),"
                  " (SELECT count(*) FROM series WHERE study_ref = st.id),"
                  " (SELECT count(*) FROM instances i JOIN series se ON i.series_ref = se.id WHERE se.study_ref = st.id)"
                  " FROM studies st JOIN patients p ON st.patient_ref = p.id";
    if (!where.isEmpty()) sql += " WHERE " + where.join(" AND ");
    sql += " ORDER BY st.study_date DESC, st.study_time DESC, p.patient_name";
    QSqlQuery select(QSqlDatabase::database(m_connectionName, false));
    select.prepare(sql);
    for (const QVariant &v : values) select.addBindValue(v);
    if (!select.exec()) return sqlError(select.lastError(), "searching");
    std::vector<LocalStudy> studies;
    while (select.next()) {
        LocalStudy st;
        st.studyInstanceUid = s(select.value(0));
        st.patientName = s(select.value(1));
        st.patientId = s(select.value(2));
        st.birthDate = s(select.value(3));
        st.sex = s(select.value(4));
        st.studyDate = s(select.value(5));
        st.studyTime = s(select.value(6));
        st.accessionNumber = s(select.value(7));
        st.description = s(select.value(8));
        st.modalities = s(select.value(9));
        st.seriesCount = select.value(10).toInt();
        st.instanceCount = select.value(11).toInt();
        studies.push_back(std::move(st));
    }
    return studies;
}

Result<std::vector<LocalInstance>> StudyDatabase::instances(const std::string &studyInstanceUid) const
{
    if (!isOpen()) return makeError("study database: not open");
    QSqlQuery select(QSqlDatabase::database(m_connectionName, false));
    select.prepare("SELECT i.sop_uid, i.sop_class_uid, se.series_uid, se.modality, i.transfer_syntax, i.instance_number, i.path"
                   " FROM instances i JOIN series se ON i.series_ref = se.id JOIN studies st ON se.study_ref = st.id"
                   " WHERE st.study_uid = ? ORDER BY se.series_number, i.instance_number, i.sop_uid");
    select.addBindValue(q(studyInstanceUid));
    if (!select.exec()) return sqlError(select.lastError(), "listing instances");
    std::vector<LocalInstance> list;
    while (select.next()) {
        LocalInstance in;
        in.sopInstanceUid = s(select.value(0));
        in.sopClassUid = s(select.value(1));
        in.seriesInstanceUid = s(select.value(2));
        in.modality = s(select.value(3));
        in.transferSyntaxUid = s(select.value(4));
        in.instanceNumber = select.value(5).toInt();
        in.path = s(select.value(6));
        list.push_back(std::move(in));
    }
    return list;
}

static Result<int> countOf(const QString &connection, const char *sql)
{
    QSqlQuery select(QSqlDatabase::database(connection, false));
    if (!select.exec(sql) || !select.next()) return sqlError(select.lastError(), "counting");
    return select.value(0).toInt();
}

Result<int> StudyDatabase::instanceCount() const
{
    if (!isOpen()) return makeError("study database: not open");
    return countOf(m_connectionName, "SELECT count(*) FROM instances");
}

Result<int> StudyDatabase::studyCount() const
{
    if (!isOpen()) return makeError("study database: not open");
    return countOf(m_connectionName, "SELECT count(*) FROM studies");
}

Status StudyDatabase::removeStudy(const std::string &studyInstanceUid)
{
    if (!isOpen()) return makeError("study database: not open");
    QSqlQuery remove(QSqlDatabase::database(m_connectionName, false));
    remove.prepare("DELETE FROM studies WHERE study_uid = ?");
    remove.addBindValue(q(studyInstanceUid));
    if (!remove.exec()) return sqlError(remove.lastError(), "removing a study");
    return okStatus();
}

} // namespace radsynth::pacs
