#pragma once
// Progress of a long command on standard error (issue 25): on a terminal one line redrawn in place
// with a bar, the count, the rate and the time left, ended with a newline when done; when standard
// error is not a terminal (a log, a pipe, a Slurm job) one plain line per update, at most one a
// second (and the last always), so logs stay readable; nothing with --quiet. Result lines go to
// standard output and are never interleaved: a redrawn line is closed before anything is printed
// (call finish(), or message() for a line in between).
#include <chrono>
#include <string>

namespace radsynth::cli {

class Progress {
public:
    // `label`: what is counted ("F2L", "simulate", "prepare"); `unit`: its items ("steps", "cases").
    Progress(std::string label, std::string unit, bool quiet = false);
    ~Progress();
    void update(long long done, long long total, const std::string &detail = {});
    void message(const std::string &line); // a whole line (stderr) without breaking the bar
    void finish();                         // closes a redrawn line; idempotent

    static bool quietFromEnvironment();    // RADSYNTH_QUIET=1

private:
    std::string m_label, m_unit;
    bool m_quiet = false, m_terminal = false, m_open = false;
    long long m_firstDone = -1;
    std::chrono::steady_clock::time_point m_start, m_lastPrint;
};

} // namespace radsynth::cli
