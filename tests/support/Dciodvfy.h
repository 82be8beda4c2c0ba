#pragma once
// dciodvfy (Debian's dicom3tools) on one file: the lines that report an error (empty: valid).
// `available` says whether the validator is installed (callers skip validation when it is not).
//
// One error is not ours: Debian 12's dicom3tools predates Synthetic Data (0008,001C) (SOP Common
// module, DICOM 2022), which every RadSynth object carries, and reports it as "not a recognized
// standard attribute". That line, and only that one, is left out.
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>

namespace radsynth::testing {

inline QStringList dciodvfyErrors(const QString &path, bool *available)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("dciodvfy"));
    *available = !program.isEmpty();
    if (!*available)
        return {};
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, {path});
    if (!process.waitForFinished(60000))
        return {QStringLiteral("Error: dciodvfy did not finish")};
    QStringList errors;
    for (const QString &line : QString::fromUtf8(process.readAll()).split(QLatin1Char('\n')))
        if (line.contains(QLatin1String("Error")) &&
            !(line.contains(QLatin1String("not a recognized standard attribute")) && line.contains(QLatin1String("(0x0008,0x001c)"))))
            errors << line;
    return errors;
}

} // namespace radsynth::testing
