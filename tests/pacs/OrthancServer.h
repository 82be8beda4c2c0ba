#pragma once
// Test fixture: a real Orthanc (Debian package `orthanc`) on free loopback ports, with its own
// temporary configuration, storage and index folders. Stopped by the destructor (RAII), so a failing
// test never leaves it running; on Linux it also dies with the test process (PR_SET_PDEATHSIG).
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <set>

#ifdef Q_OS_LINUX
#include <signal.h>
#include <sys/prctl.h>
#endif

namespace radsynth::test {

// A loopback port free right now, never one this process was given before: the port is released
// before Orthanc or our storage SCP binds it, so the kernel may hand the same one out twice (it
// did: our storage port and one of Orthanc's collided, "Address already in use").
inline int freeLoopbackPort()
{
    static std::set<int> given;
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0)) return 0;
        const int port = server.serverPort();
        server.close();
        if (given.insert(port).second) return port;
    }
    return 0;
}

class OrthancServer {
public:
    static QString executable()
    {
        QString path = QStandardPaths::findExecutable(QStringLiteral("Orthanc"));
        if (path.isEmpty()) path = QStandardPaths::findExecutable(QStringLiteral("Orthanc"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        return path;
    }

    ~OrthancServer() { stop(); }

    // Starts Orthanc with a configuration in `folder`; `modalities` declares the AEs allowed as
    // C-MOVE destinations. Returns an empty string or the reason it did not start.
    QString start(const QString &folder, const QString &aeTitle, const QJsonObject &modalities)
    {
        m_folder = folder;
        aet = aeTitle;
        httpPort = freeLoopbackPort();
        dicomPort = freeLoopbackPort();
        QDir().mkpath(folder + "/storage");
        QDir().mkpath(folder + "/index");
        QJsonObject config{
            {"Name", "RadSynthTest"},
            {"StorageDirectory", folder + "/storage"},
            {"IndexDirectory", folder + "/index"},
            {"HttpPort", httpPort},
            {"DicomPort", dicomPort},
            {"DicomAet", aeTitle},
            {"DicomCheckCalledAet", true},
            {"RemoteAccessAllowed", false},
            {"AuthenticationEnabled", false},
            {"DicomAlwaysAllowEcho", true},
            {"DicomAlwaysAllowStore", true},
            {"DicomAlwaysAllowFind", true},
            {"DicomAlwaysAllowGet", true},
            {"DicomAlwaysAllowMove", true},
            {"DicomModalities", modalities},
            {"DicomAssociationCloseDelay", 0},
            {"DicomScpTimeout", 30},
            {"OverwriteInstances", false},
            {"StorageCompression", false},
            {"SaveJobs", false},
            {"Plugins", QJsonArray()},
        };
        const QString configPath = folder + "/orthanc.json";
        QFile file(configPath);
        if (!file.open(QIODevice::WriteOnly)) return "cannot write " + configPath;
        file.write(QJsonDocument(config).toJson());
        file.close();
        m_process.setProgram(executable());
        m_process.setArguments({configPath});
        m_process.setStandardOutputFile(folder + "/orthanc.log");
        m_process.setStandardErrorFile(folder + "/orthanc.log", QIODevice::Append);
#ifdef Q_OS_LINUX
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process.start();
        if (!m_process.waitForStarted(10000)) return "Orthanc did not start: " + m_process.errorString();
        // Ready when its HTTP port answers /system.
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000) {
            if (m_process.state() != QProcess::Running) return "Orthanc exited; see " + folder + "/orthanc.log";
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, quint16(httpPort));
            if (socket.waitForConnected(500)) {
                socket.write("GET /system HTTP/1.0\r\n\r\n");
                socket.waitForBytesWritten(1000);
                QByteArray reply;
                while (socket.waitForReadyRead(2000)) reply += socket.readAll();
                reply += socket.readAll();
                if (reply.startsWith("HTTP/1.") && reply.contains(" 200 ")) return {};
            }
            QThread::msleep(200);
        }
        return "Orthanc did not answer on its HTTP port within 30 s; see " + folder + "/orthanc.log";
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning) return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool running() const { return m_process.state() == QProcess::Running; }
    QString log() const
    {
        QFile file(m_folder + "/orthanc.log");
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(4000)) : QString();
    }

    QString aet;
    int httpPort = 0;
    int dicomPort = 0;

private:
    QString m_folder;
    QProcess m_process;
};

} // namespace radsynth::test
