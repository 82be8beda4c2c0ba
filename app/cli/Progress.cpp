// Progress display of the command line (Progress.h).
#include "Progress.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace radsynth::cli {

namespace {
std::string bar(long long done, long long total, int width = 24)
{
    const int filled = total > 0 ? int(double(done) / double(total) * width + 0.5) : 0;
    std::string out(size_t(width), '.');
    for (int i = 0; i < filled && i < width; ++i)
        out[size_t(i)] = '#';
    return out;
}

std::string duration(double seconds)
{
    char text[32];
    if (seconds < 90)
        std::snprintf(text, sizeof text, "%.0f s", seconds);
    else if (seconds < 5400)
        std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
    else
        std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
    return text;
}
} // namespace

Progress::Progress(std::string label, std::string unit, bool quiet)
    : m_label(std::move(label)), m_unit(std::move(unit)), m_quiet(quiet || quietFromEnvironment()), m_terminal(isatty(fileno(stderr)) != 0),
      m_start(std::chrono::steady_clock::now()), m_lastPrint(m_start - std::chrono::hours(1))
{
}

Progress::~Progress() { finish(); }

bool Progress::quietFromEnvironment()
{
    const char *value = std::getenv("RADSYNTH_QUIET");
    return value && *value && std::string(value) != "0";
}

void Progress::update(long long done, long long total, const std::string &detail)
{
    if (m_quiet)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (m_firstDone < 0) {
        m_firstDone = done;
        m_start = now;
    }
    const bool last = total > 0 && done >= total;
    const auto sinceLast = now - m_lastPrint;
    if (!last && sinceLast < (m_terminal ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000)))
        return;
    m_lastPrint = now;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    const double rate = seconds > 0 && done > m_firstDone ? double(done - m_firstDone) / seconds : 0;
    std::string timing;
    if (rate > 0) {
        char text[64];
        std::snprintf(text, sizeof text, "  %.*f %s/s", rate < 10 ? 2 : 0, rate, m_unit.c_str());
        timing = text;
        if (!last && total > 0)
            timing += "  " + duration(double(total - done) / rate) + " left";
        else if (last)
            timing += "  " + duration(seconds);
    }
    const std::string tail = detail.empty() ? std::string() : "  " + detail;
    if (m_terminal) {
        std::fprintf(stderr, "\r%s [%s] %lld/%lld%s%s\033[K", m_label.c_str(), bar(done, total).c_str(), done, total, timing.c_str(), tail.c_str());
        m_open = true;
        if (last)
            finish();
    } else {
        std::fprintf(stderr, "%s %lld/%lld %s%s%s\n", m_label.c_str(), done, total, m_unit.c_str(), timing.c_str(), tail.c_str());
    }
    std::fflush(stderr);
}

void Progress::message(const std::string &line)
{
    finish();
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
}

void Progress::finish()
{
    if (m_open) {
        std::fprintf(stderr, "\n");
        std::fflush(stderr);
        m_open = false;
    }
}

} // namespace radsynth::cli
