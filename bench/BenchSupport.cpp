#include "BenchSupport.h"

#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <random>

namespace reverie::bench {

qint64 writeNativeJsonl(const QString &path, qint64 events, int stepsPerRun)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    static const char *workflows[] = {"deploy_service", "refund_order", "db_migration", "triage_ticket", "write_report"};
    static const char *tools[] = {"fetch_build", "run_tests", "deploy", "get_order", "issue_refund",
                                  "apply_migration", "release_locks", "search_docs", "read_file", "edit_file"};
    static const char *words[] = {"checked", "the", "service", "health", "returned", "latency", "timeout",
                                  "invoice", "customer", "schema", "lock", "rollback", "build", "artifact",
                                  "production", "staging", "retry", "ticket", "refund", "migration"};
    std::mt19937 rng(42);
    QByteArray buf;
    buf.reserve(1 << 22);
    qint64 written = 0;
    const qint64 base = 1763900000000;
    for (qint64 run = 0; written < events; ++run) {
        const char *wf = workflows[run % 5];
        const bool ok = rng() % 3 != 0;
        const qint64 t0 = base + run * 60000;
        const QByteArray id = "run-" + QByteArray::number(run);
        auto line = [&](const QByteArray &type, qint64 ts, const QByteArray &fields) {
            buf += "{\"trajectory\":\"" + id + "\",\"type\":\"" + type + "\",\"ts\":" + QByteArray::number(ts) + ","
                   + fields + "}\n";
            ++written;
        };
        line("task", t0, "\"title\":\"Task " + id + "\",\"workflow\":\"" + QByteArray(wf) +
                             "\",\"model\":\"" + QByteArray(run % 2 ? "gpt-4o" : "claude-sonnet-4") + "\"");
        for (int s = 1; s < stepsPerRun - 2 && written < events; ++s) {
            const char *tool = tools[rng() % 10];
            QByteArray text;
            for (int w = 0; w < 8; ++w)
                text += QByteArray(words[rng() % 20]) + ' ';
            if (s % 2)
                line("tool_call", t0 + s * 100, "\"tool\":\"" + QByteArray(tool) + "\",\"call_id\":\"c" +
                                                    QByteArray::number(s) + "\",\"input\":{\"q\":\"" + text.trimmed() + "\"}");
            else
                line("observation", t0 + s * 100, "\"call_id\":\"c" + QByteArray::number(s - 1) + "\",\"output\":\"" +
                                                      text.trimmed() + "\",\"is_error\":" + (rng() % 10 ? "false" : "true"));
        }
        line("outcome", t0 + stepsPerRun * 100, QByteArray("\"status\":\"") + (ok ? "success" : "failed") + "\"");
        line("verdict", t0 + stepsPerRun * 100 + 1, QByteArray("\"success\":") + (ok ? "true" : "false"));
        if (buf.size() > (1 << 21)) {
            f.write(buf);
            buf.clear();
        }
    }
    f.write(buf);
    return written;
}

double timeMs(const std::function<void()> &fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return double(t.nsecsElapsed()) / 1e6;
}

double peakRssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

void report(const char *id, double value, const char *unit, double target, bool lowerIsBetter,
            const QString &description)
{
    const bool pass = lowerIsBetter ? value <= target : value >= target;
    std::printf("BENCH %s %.3f %s %.3f %s %s\n", id, value, unit, target, pass ? "pass" : "FAIL",
                qPrintable(description));
    std::fflush(stdout);
}

SizeAndDir sizeAndDir(const QStringList &args, qint64 defaultEvents)
{
    SizeAndDir out;
    out.events = defaultEvents;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--events"))
            out.events = args.at(i + 1).toLongLong();
        else if (args.at(i) == QLatin1String("--dir"))
            out.dir = args.at(i + 1);
    }
    return out;
}

} // namespace reverie::bench
